using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public sealed class ApprovalDecisionConfiguration : IEntityTypeConfiguration<ApprovalDecision>
{
    public void Configure(EntityTypeBuilder<ApprovalDecision> builder)
    {
        builder.ToTable("ApprovalDecisions");
        builder.Property(d => d.User).HasMaxLength(200).UseCollation("NOCASE");
        builder.Property(d => d.Comment).HasMaxLength(2000);
        builder.Property(d => d.RemoteAddress).HasMaxLength(64);

        // One decision per user and request, whatever the case of the name.
        builder.HasIndex(d => new { d.ApprovalRequestId, d.User }).IsUnique();
    }
}
