using Portal.Data.Entities;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// When a request is expired. A request still waiting (planning or awaiting approval) past its expiry <em>is</em>
/// expired, whether or not the sweep has recorded it yet: reads compute that without writing; the
/// <see cref="ApprovalExpirySweeper"/> and the write paths (decisions, break-glass, withdrawal) record it with its
/// audit entry.
/// </summary>
internal static class ApprovalExpiry
{
    /// <summary>The statuses a request can expire from.</summary>
    public static readonly ApprovalStatus[] Expirable = [ApprovalStatus.Planning, ApprovalStatus.AwaitingApproval];

    public static bool IsDue(ApprovalStatus status, DateTimeOffset expiresAt, DateTimeOffset now) =>
        (status is ApprovalStatus.Planning or ApprovalStatus.AwaitingApproval) && expiresAt <= now;

    /// <summary>The status a reader sees: the stored one, or Expired for a waiting request past its expiry.</summary>
    public static ApprovalStatus Effective(ApprovalStatus status, DateTimeOffset expiresAt, DateTimeOffset now) =>
        IsDue(status, expiresAt, now) ? ApprovalStatus.Expired : status;

    /// <summary>The row as a reader sees it at <paramref name="now"/>.</summary>
    public static ApprovalSummary Effective(ApprovalSummary summary, DateTimeOffset now) =>
        IsDue(summary.Status, summary.ExpiresAt, now) ? summary with { Status = ApprovalStatus.Expired } : summary;

    /// <summary>Requests whose effective status is <paramref name="status"/> at <paramref name="now"/> (translated to SQL).</summary>
    public static IQueryable<ApprovalRequest> WhereEffectiveStatus(this IQueryable<ApprovalRequest> query, ApprovalStatus status, DateTimeOffset now) =>
        status switch
        {
            ApprovalStatus.Expired => query.Where(r => r.Status == ApprovalStatus.Expired
                || ((r.Status == ApprovalStatus.Planning || r.Status == ApprovalStatus.AwaitingApproval) && r.ExpiresAt <= now)),
            ApprovalStatus.Planning or ApprovalStatus.AwaitingApproval => query.Where(r => r.Status == status && r.ExpiresAt > now),
            _ => query.Where(r => r.Status == status),
        };
}
