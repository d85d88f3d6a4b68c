using Microsoft.Extensions.Logging;
using Portal.Data.Entities;
using Portal.Provisioning.Environments;

namespace Portal.Provisioning.Access;

/// <summary>
/// The check at the top of every service method: asks <see cref="PortalPermissions"/>, and when the answer is no,
/// logs it and writes a <c>denied</c> audit entry with the actor, the address and the reason.
/// </summary>
public sealed class AccessGuard(AccessAuditor auditor, ILogger<AccessGuard> logger)
{
    /// <summary>The decision; a denial is already logged and audited as <paramref name="auditAction"/> on <paramref name="target"/>.</summary>
    public async Task<PermissionDecision> CheckAsync(
        ActorContext actor, PortalAction action, EnvironmentClass? environmentClass, string auditAction, string target, string? environmentName,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var decision = PortalPermissions.Check(actor.Roles, action, environmentClass);
        if (!decision.Allowed)
        {
            AccessLog.Denied(logger, actor.Name, PortalRoleNames.Format(actor.Roles), auditAction, target, decision.Reason!);
            await auditor.RecordDeniedAsync(actor, auditAction, target, environmentName, decision.Reason!, cancellationToken);
        }

        return decision;
    }

    /// <summary>For environment commands: null when allowed, else the Forbidden result.</summary>
    public async Task<EnvironmentCommandResult?> DenyEnvironmentCommandAsync(
        ActorContext actor, PortalAction action, EnvironmentClass? environmentClass, string auditAction, string? environmentName,
        CancellationToken cancellationToken = default)
    {
        var decision = await CheckAsync(actor, action, environmentClass, auditAction, $"environment/{environmentName}", environmentName, cancellationToken);
        return decision.Allowed ? null : EnvironmentCommandResult.Forbidden(decision.Reason!);
    }
}
