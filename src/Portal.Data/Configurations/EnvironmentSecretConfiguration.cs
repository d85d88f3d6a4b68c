using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public sealed class EnvironmentSecretConfiguration : IEntityTypeConfiguration<EnvironmentSecret>
{
    public void Configure(EntityTypeBuilder<EnvironmentSecret> builder)
    {
        builder.ToTable("EnvironmentSecrets");
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.HasOne<EnvironmentRecord>().WithMany().HasForeignKey(s => s.EnvironmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.EnvironmentId, s.Kind, s.Name }).IsUnique();
    }
}
