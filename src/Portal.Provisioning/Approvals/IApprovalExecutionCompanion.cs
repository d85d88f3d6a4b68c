using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// Rows a job kind needs written with its job (a release record that names its job): added in the same transaction as
/// the execution job of an approved request, as the kind's own service does when it queues without approval.
/// </summary>
public interface IApprovalExecutionCompanion
{
    bool Handles(string jobKind);

    Task AddAsync(PortalDbContext context, ApprovalRequest request, long jobId, CancellationToken cancellationToken);

    /// <summary>The approval gate refused to run the job (stale, used): close what <see cref="AddAsync"/> wrote.</summary>
    Task RefusedAsync(long jobId, string reason, CancellationToken cancellationToken);
}
