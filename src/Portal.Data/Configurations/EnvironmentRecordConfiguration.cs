using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public sealed class EnvironmentRecordConfiguration : IEntityTypeConfiguration<EnvironmentRecord>
{
    public void Configure(EntityTypeBuilder<EnvironmentRecord> builder)
    {
        builder.ToTable("Environments");
        builder.Property(e => e.Name).HasMaxLength(63);
        builder.Property(e => e.TemplateName).HasMaxLength(100);
        builder.Property(e => e.StackName).HasMaxLength(100);
        builder.Property(e => e.Class).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.CreatedBy).HasMaxLength(200);

        // A name is unique among live environments; an archived one frees its name but keeps its history.
        builder.HasIndex(e => e.Name).IsUnique().HasFilter("\"ArchivedAt\" IS NULL");
    }
}
