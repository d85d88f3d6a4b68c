using Portal.Provisioning.Access;

namespace Portal.Provisioning.Approvals;

/// <summary>A request with its plan and decisions.</summary>
/// <param name="Summary">The request's list row.</param>
/// <param name="Plan">The planned change (null until planned).</param>
/// <param name="PlanHash">The hash an approval binds.</param>
/// <param name="Error">Why planning failed, or how the plan changed (stale).</param>
/// <param name="Decisions">Every decision, oldest first.</param>
/// <param name="EligibleRoles">Roles whose holders may decide (the class's current policy).</param>
/// <param name="DecidedAt">When it was approved, rejected, expired or closed.</param>
public sealed record ApprovalDetail(
    ApprovalSummary Summary,
    ApprovalPlan? Plan,
    string? PlanHash,
    string? Error,
    IReadOnlyList<ApprovalDecisionInfo> Decisions,
    PortalRoles EligibleRoles,
    DateTimeOffset? DecidedAt);
