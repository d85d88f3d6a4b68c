using Portal.Data.Entities;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// A row of the approvals list. <see cref="Approvals"/> counts the eligible approvers' valid approvals;
/// <see cref="BreakGlass"/> is true when an Admin approved it by break-glass instead.
/// </summary>
public sealed record ApprovalSummary(
    long Id,
    long EnvironmentId,
    string EnvironmentName,
    EnvironmentClass EnvironmentClass,
    string Operation,
    string JobKind,
    string JobTitle,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? RequestedFrom,
    ApprovalStatus Status,
    int Approvals,
    int RequiredApprovals,
    DateTimeOffset ExpiresAt,
    long? PlanJobId,
    long? ExecutionJobId,
    bool BreakGlass = false);
