using Portal.Data.Entities;

namespace Portal.Provisioning.Access;

/// <summary>
/// The whole permission matrix of PRODUCT.md in one place. Services call it before doing anything; the UI calls it to
/// hide what a user may not do. Approvals on protected classes are a separate gate (the approval flow), not a role:
/// an Operator is allowed to change production here and the change then waits for its approval.
/// </summary>
/// <remarks>
/// Viewer: read. Operator: create, change, release, restart, roll back, recover and destroy non-production; change and
/// release production (behind approval). Approver: approve or reject. Admin: everything an Operator may, plus
/// production create and destroy, secrets, the self-test, users and everyone's tokens, and break-glass (approving a
/// waiting request alone, with a reason, in an emergency).
/// </remarks>
public static class PortalPermissions
{
    private const PortalRoles AnyRole = PortalRoles.Viewer | PortalRoles.Operator | PortalRoles.Approver | PortalRoles.Admin;

    private const PortalRoles Operators = PortalRoles.Operator | PortalRoles.Admin;

    /// <summary>
    /// Decides <paramref name="action"/> for <paramref name="roles"/> on an environment of <paramref name="environmentClass"/>
    /// (null when there is no environment, or it is not known yet: then the least protected class is assumed, and the
    /// caller checks again once it knows the class).
    /// </summary>
    public static PermissionDecision Check(PortalRoles roles, PortalAction action, EnvironmentClass? environmentClass = null)
    {
        var production = environmentClass == EnvironmentClass.Production;
        var (required, what) = action switch
        {
            PortalAction.Read => (AnyRole, "read the portal"),
            PortalAction.CreateEnvironment when production => (PortalRoles.Admin, "create a production environment"),
            PortalAction.CreateEnvironment => (Operators, "create an environment"),
            PortalAction.ChangeSettings => (Operators, "change an environment's settings"),
            PortalAction.CheckDrift => (Operators, "check an environment for drift"),
            PortalAction.DestroyEnvironment when production => (PortalRoles.Admin, "destroy a production environment"),
            PortalAction.DestroyEnvironment => (Operators, "destroy an environment"),
            // Cancelling a lock or editing state on production is break-glass: no plan to approve, so Admin only.
            PortalAction.RecoverStack when production => (PortalRoles.Admin, "recover a production environment's stack"),
            PortalAction.RecoverStack => (Operators, "recover an environment's stack"),
            PortalAction.RevealSecret => (PortalRoles.Admin, "reveal a secret"),
            PortalAction.Release => (Operators, "release, roll back or restart a workload"),
            PortalAction.CancelJob => (Operators, "cancel a job"),
            PortalAction.RunSelfTest => (PortalRoles.Admin, "run the queue self-test"),
            PortalAction.Approve => (PortalRoles.Approver, "approve or reject a change"),
            PortalAction.BreakGlass => (PortalRoles.Admin, "break glass on an approval request"),
            PortalAction.ManageOwnTokens => (AnyRole, "manage API tokens"),
            PortalAction.ManageUsers => (PortalRoles.Admin, "manage users and everyone's tokens"),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown action."),
        };
        return (roles & required) != 0
            ? PermissionDecision.Allow
            : PermissionDecision.Deny($"You may not {what}: it needs the {Describe(required)} role (you have {Describe(roles)}).");
    }

    /// <summary>Shorthand for <see cref="Check"/>'s verdict.</summary>
    public static bool Allows(PortalRoles roles, PortalAction action, EnvironmentClass? environmentClass = null) =>
        Check(roles, action, environmentClass).Allowed;

    private static string Describe(PortalRoles roles) => roles switch
    {
        PortalRoles.None => "no",
        AnyRole => "any",
        _ => string.Join(" or ", Enum.GetValues<PortalRoles>().Where(r => r != PortalRoles.None && roles.HasFlag(r))),
    };
}
