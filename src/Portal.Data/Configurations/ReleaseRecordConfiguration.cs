using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public sealed class ReleaseRecordConfiguration : IEntityTypeConfiguration<ReleaseRecord>
{
    public void Configure(EntityTypeBuilder<ReleaseRecord> builder)
    {
        builder.ToTable("Releases");
        builder.Property(r => r.Workload).HasMaxLength(100);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Strategy).HasMaxLength(20);
        builder.Property(r => r.ImageBefore).HasMaxLength(512);
        builder.Property(r => r.ImageAfter).HasMaxLength(512);
        builder.Property(r => r.RequestedBy).HasMaxLength(200);
        builder.HasOne(r => r.Environment).WithMany().HasForeignKey(r => r.EnvironmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Job>().WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.JobId).IsUnique();
        builder.HasIndex(r => new { r.EnvironmentId, r.Workload, r.Id });
    }
}
