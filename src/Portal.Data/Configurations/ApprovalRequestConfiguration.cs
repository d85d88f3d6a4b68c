using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> builder)
    {
        builder.ToTable("ApprovalRequests");
        builder.Property(r => r.Operation).HasMaxLength(40);
        builder.Property(r => r.JobKind).HasMaxLength(100);
        builder.Property(r => r.JobTitle).HasMaxLength(300);
        builder.Property(r => r.RequestedBy).HasMaxLength(200);
        builder.Property(r => r.RequestedFrom).HasMaxLength(64);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.PlanHash).HasMaxLength(64);
        builder.HasOne(r => r.Environment).WithMany().HasForeignKey(r => r.EnvironmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Decisions).WithOne().HasForeignKey(d => d.ApprovalRequestId).OnDelete(DeleteBehavior.Restrict);

        // The approvals page lists by status, newest first; the environment page asks for its pending requests.
        builder.HasIndex(r => new { r.Status, r.Id });
        builder.HasIndex(r => new { r.EnvironmentId, r.Status });
    }
}
