using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Sequence);
        builder.Property(a => a.Sequence).ValueGeneratedNever().HasValueGenerator<AuditSequencePlaceholderGenerator>();
        builder.Property(a => a.Actor).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.Target).HasMaxLength(300);
        builder.Property(a => a.EnvironmentName).HasMaxLength(63);
        builder.Property(a => a.Outcome).HasMaxLength(40);
        builder.Property(a => a.RemoteAddress).HasMaxLength(64);
        builder.Property(a => a.PreviousHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);

        // Each filter the audit page offers, newest first: the index ends with Sequence so pages need no sort.
        builder.HasIndex(a => new { a.Actor, a.Sequence });
        builder.HasIndex(a => new { a.Action, a.Sequence });
        builder.HasIndex(a => new { a.EnvironmentName, a.Sequence });
        builder.HasIndex(a => a.Time);
    }
}
