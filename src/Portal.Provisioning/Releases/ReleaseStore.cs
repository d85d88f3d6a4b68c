using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Redaction;

namespace Portal.Provisioning.Releases;

/// <summary>What release jobs write to their release record. One short-lived context per call.</summary>
public sealed class ReleaseStore(IDbContextFactory<PortalDbContext> contextFactory, ISecretRedactor redactor, TimeProvider clock)
{
    public async Task<ReleaseRecord?> GetByJobAsync(long jobId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.JobId == jobId, cancellationToken);
    }

    /// <summary>The job began: the image that runs now is read from the Deployment.</summary>
    public Task StartAsync(long releaseId, string? imageBefore, string? imageAfter, CancellationToken cancellationToken) =>
        ModifyAsync(releaseId, release =>
        {
            release.Status = ReleaseStatus.RollingOut;
            release.StartedAt = clock.GetUtcNow();
            release.ImageBefore = imageBefore;
            release.ImageAfter = imageAfter;
        }, cancellationToken);

    /// <summary>The verdict, and the environment's configuration as it now is (the basis of release diffs).</summary>
    public async Task FinishAsync(long releaseId, long environmentId, ReleaseStatus status, string message, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var release = await context.Releases.FirstAsync(r => r.Id == releaseId, cancellationToken);
        var environment = await context.Environments.AsNoTracking().FirstAsync(e => e.Id == environmentId, cancellationToken);
        var secrets = await context.EnvironmentSecrets.AsNoTracking()
            .Where(s => s.EnvironmentId == environmentId && s.Kind == EnvironmentSecretKind.Parameter)
            .Select(s => new { s.Name, s.UpdatedAt }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        release.Status = status;
        release.VerdictMessage = redactor.Redact(message);
        release.StartedAt ??= now;
        release.FinishedAt = now;
        release.ConfigJson = ReleaseConfigSnapshot.ToJson(
            JsonNode.Parse(environment.ParametersJson) as JsonObject ?? [], secrets.ToDictionary(s => s.Name, s => s.UpdatedAt, StringComparer.Ordinal));
        await context.SaveChangesAsync(cancellationToken);
    }

    private async Task ModifyAsync(long releaseId, Action<ReleaseRecord> change, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var release = await context.Releases.FirstAsync(r => r.Id == releaseId, cancellationToken);
        change(release);
        await context.SaveChangesAsync(cancellationToken);
    }
}
