using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;

namespace Portal.Provisioning.Access;

/// <summary>Audit entries of access decisions: denied attempts, sign-ins, user and token changes.</summary>
public sealed class AccessAuditor(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>Records that <paramref name="actor"/> tried <paramref name="action"/> and was refused.</summary>
    public Task RecordDeniedAsync(ActorContext actor, string action, string target, string? environmentName, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return RecordAsync(actor.Name, actor.RemoteAddress, action, target, "denied", new { roles = PortalRoleNames.Format(actor.Roles), reason }, environmentName, cancellationToken);
    }

    public async Task RecordAsync(
        string actor, string? remoteAddress, string action, string target, string outcome, object? details, string? environmentName = null, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        context.AuditEntries.Add(Entry(actor, remoteAddress, action, target, outcome, details, environmentName));
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>An entry to add to a context that also saves the change it records (one transaction).</summary>
    public AuditEntry Entry(string actor, string? remoteAddress, string action, string target, string outcome, object? details, string? environmentName = null) => new()
    {
        Time = clock.GetUtcNow(),
        Actor = actor,
        Action = action,
        Target = target,
        EnvironmentName = environmentName,
        DetailsJson = details is null ? "{}" : JsonSerializer.Serialize(details, JobJson.Options),
        Outcome = outcome,
        RemoteAddress = remoteAddress,
    };
}
