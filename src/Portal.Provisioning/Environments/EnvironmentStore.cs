using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Provisioning.Pulumi;
using Portal.Provisioning.Secrets;

namespace Portal.Provisioning.Environments;

/// <summary>What environment jobs write back: status, outputs, parameters, and the encrypted secrets beside them.
/// One short-lived context per call.</summary>
public sealed class EnvironmentStore(IDbContextFactory<PortalDbContext> contextFactory, ISecretProtector protector, TimeProvider clock)
{
    /// <summary>The environment, archived or not (a job may find it archived by a destroy queued before it).</summary>
    public async Task<EnvironmentRecord?> GetAsync(long environmentId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Environments.AsNoTracking().FirstOrDefaultAsync(e => e.Id == environmentId, cancellationToken);
    }

    public Task SetStatusAsync(long environmentId, EnvironmentStatus status, CancellationToken cancellationToken) =>
        ModifyAsync(environmentId, e => e.Status = status, cancellationToken);

    /// <summary>Masked outputs on the row; secret outputs encrypted beside it (the kubeconfig the live view needs).</summary>
    public async Task SaveOutputsAsync(long environmentId, IReadOnlyDictionary<string, StackOutputValue> outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var environment = await context.Environments.FirstAsync(e => e.Id == environmentId, cancellationToken);
        var now = clock.GetUtcNow();
        environment.OutputsJson = StackOutputsJson.ToMaskedJson(outputs).ToJsonString();
        environment.OutputsUpdatedAt = now;
        environment.UpdatedAt = now;
        var stored = await context.EnvironmentSecrets.Where(s => s.EnvironmentId == environmentId && s.Kind == EnvironmentSecretKind.Output).ToListAsync(cancellationToken);
        context.EnvironmentSecrets.RemoveRange(stored.Where(s => !(outputs.TryGetValue(s.Name, out var o) && o.IsSecret)));
        foreach (var (name, output) in outputs.Where(o => o.Value.IsSecret))
        {
            var text = output.Value.ValueKind == JsonValueKind.String ? output.Value.GetString() ?? "" : output.Value.GetRawText();
            Upsert(context, stored, environmentId, EnvironmentSecretKind.Output, name, protector.Protect(text), now);
        }

        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>After an update succeeded: the parameters it applied become the environment's.</summary>
    public async Task SaveParametersAsync(
        long environmentId, string parametersJson, IReadOnlyDictionary<string, string>? protectedSecrets, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var environment = await context.Environments.FirstAsync(e => e.Id == environmentId, cancellationToken);
        var now = clock.GetUtcNow();
        environment.ParametersJson = parametersJson;
        environment.UpdatedAt = now;
        if (protectedSecrets is { Count: > 0 })
        {
            var stored = await context.EnvironmentSecrets.Where(s => s.EnvironmentId == environmentId && s.Kind == EnvironmentSecretKind.Parameter).ToListAsync(cancellationToken);
            foreach (var (name, value) in protectedSecrets)
            {
                Upsert(context, stored, environmentId, EnvironmentSecretKind.Parameter, name, value, now);
            }
        }

        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Clear values of the environment's secrets of one kind, by name.</summary>
    public async Task<Dictionary<string, string>> ReadSecretsAsync(long environmentId, EnvironmentSecretKind kind, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await context.EnvironmentSecrets.AsNoTracking().Where(s => s.EnvironmentId == environmentId && s.Kind == kind).ToListAsync(cancellationToken);
        return rows.ToDictionary(s => s.Name, s => protector.Unprotect(s.ProtectedValue), StringComparer.Ordinal);
    }

    /// <summary>The environment's stack is gone: archive it (its name is free again; jobs and audit stay).</summary>
    public async Task ArchiveAsync(long environmentId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var environment = await context.Environments.FirstAsync(e => e.Id == environmentId, cancellationToken);
        var now = clock.GetUtcNow();
        environment.Status = EnvironmentStatus.Destroyed;
        environment.ArchivedAt = now;
        environment.UpdatedAt = now;
        environment.OutputsJson = null;

        // Nothing left to protect: the stack and its cluster are gone.
        context.EnvironmentSecrets.RemoveRange(await context.EnvironmentSecrets.Where(s => s.EnvironmentId == environmentId).ToListAsync(cancellationToken));
        await context.SaveChangesAsync(cancellationToken);
    }

    private async Task ModifyAsync(long environmentId, Action<EnvironmentRecord> change, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var environment = await context.Environments.FirstAsync(e => e.Id == environmentId, cancellationToken);
        change(environment);
        environment.UpdatedAt = clock.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken);
    }

    private static void Upsert(
        PortalDbContext context, List<EnvironmentSecret> stored, long environmentId, EnvironmentSecretKind kind, string name, string protectedValue, DateTimeOffset now)
    {
        if (stored.FirstOrDefault(s => s.Name == name) is { } existing)
        {
            existing.ProtectedValue = protectedValue;
            existing.UpdatedAt = now;
        }
        else
        {
            context.EnvironmentSecrets.Add(new EnvironmentSecret { EnvironmentId = environmentId, Kind = kind, Name = name, ProtectedValue = protectedValue, UpdatedAt = now });
        }
    }
}
