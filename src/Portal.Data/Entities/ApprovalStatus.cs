namespace Portal.Data.Entities;

/// <summary>
/// The life of an approval request. Planning → AwaitingApproval → Approved → Consumed; or PlanFailed, Rejected,
/// Expired, Stale (the plan changed before the approved job ran) or Cancelled (by the requester).
/// </summary>
public enum ApprovalStatus
{
    Planning,
    PlanFailed,
    AwaitingApproval,
    Approved,
    Consumed,
    Rejected,
    Expired,
    Stale,
    Cancelled,
}
