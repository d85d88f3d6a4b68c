using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("Jobs");
        builder.Property(j => j.Kind).HasMaxLength(100);
        builder.Property(j => j.Title).HasMaxLength(300);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.RequestedBy).HasMaxLength(200);
        builder.Property(j => j.LeaseOwner).HasMaxLength(100);
        builder.Property(j => j.CancelRequestedBy).HasMaxLength(200);
        builder.HasOne(j => j.Environment).WithMany().HasForeignKey(j => j.EnvironmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(j => j.Events).WithOne().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);

        // The claim query walks queued jobs oldest first; without (State, Id) it scanned every finished job on each
        // claim, holding the write lock (queue-throughput benchmark).
        builder.HasIndex(j => new { j.State, j.Id });

        // The claim query's check that nothing of the same environment runs or is queued ahead.
        builder.HasIndex(j => new { j.State, j.EnvironmentId, j.Id });
        builder.HasIndex(j => new { j.EnvironmentId, j.Id });
        builder.HasIndex(j => j.CreatedAt);
    }
}
