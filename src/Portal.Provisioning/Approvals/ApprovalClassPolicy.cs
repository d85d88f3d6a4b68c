using Portal.Provisioning.Access;

namespace Portal.Provisioning.Approvals;

/// <summary>The approval rule of one environment class: N approvals from holders of an eligible role, before expiry.</summary>
public sealed class ApprovalClassPolicy
{
    /// <summary>How many distinct eligible users must approve (the requester never counts). 0 means not protected.</summary>
    public int RequiredApprovals { get; set; } = 1;

    /// <summary>Roles whose holders may approve or reject; empty means Approver.</summary>
    public List<PortalRoles> EligibleRoles { get; } = [];

    /// <summary>How long a request waits for its approvals before it expires.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Whether an Admin may break glass on this class's requests: approve one alone, with a written reason, when the
    /// approvers cannot be reached (the plan binding still holds). On by default.
    /// </summary>
    public bool AllowBreakGlass { get; set; } = true;

    /// <summary>The eligible roles as one flags value.</summary>
    public PortalRoles EligibleRoleFlags => EligibleRoles.Count == 0
        ? PortalRoles.Approver
        : EligibleRoles.Aggregate(PortalRoles.None, (all, role) => all | role);
}
