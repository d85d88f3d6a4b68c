using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Provisioning.Jobs;

/// <summary>
/// Marks orphaned running jobs Interrupted: never re-run by themselves, because a half-done <c>pulumi up</c> must not
/// be repeated blindly; the person decides (retry, cancel the stack's lock, clear pending operations).
/// A job is orphaned when its lease expired, or, at startup, when another worker holds it: this process holds the
/// data directory lock, so any other worker's process is gone.
/// </summary>
internal sealed class JobRecovery(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock, JobStore store, JobUpdatesNotifier notifier)
{
    public const string StartupReason = "The portal stopped while this job was running (its worker's lease was not renewed). It was not re-run: check the environment, then retry or clear the stack's pending operations.";
    public const string LeaseReason = "The worker running this job stopped renewing its lease. It was not re-run: check the environment, then retry.";

    public Task<int> InterruptOrphansAtStartupAsync(string owner, CancellationToken cancellationToken) =>
        InterruptAsync(j => j.State == JobState.Running && j.LeaseOwner != owner, StartupReason, cancellationToken);

    public Task<int> InterruptExpiredLeasesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return InterruptAsync(j => j.State == JobState.Running && j.LeaseExpiresAt < now, LeaseReason, cancellationToken);
    }

    private async Task<int> InterruptAsync(System.Linq.Expressions.Expression<Func<Job, bool>> orphaned, string reason, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var jobs = await context.Jobs.Where(orphaned).ToListAsync(cancellationToken);
        if (jobs.Count == 0)
        {
            return 0;
        }

        var updates = new List<JobUpdate>();
        foreach (var job in jobs)
        {
            var previousOwner = job.LeaseOwner;
            job.State = JobState.Interrupted;
            job.FinishedAt = clock.GetUtcNow();
            job.Error = reason;
            job.LeaseOwner = null;
            job.LeaseExpiresAt = null;
            var stateEvent = await store.AppendEventAsync(context, job.Id, JobEventKind.State, JobEventLevel.Error, reason, JobStore.StateData(JobState.Interrupted), cancellationToken);
            context.AuditEntries.Add(await store.CreateAuditAsync(context, "job.interrupted", job.Id, job.EnvironmentId, JobStore.SystemActor,
                new { job.Kind, job.Title, job.Attempt, previousOwner }, "interrupted", null, cancellationToken));
            updates.Add(new JobUpdate(job.Id, job.EnvironmentId, JobState.Interrupted, stateEvent));
        }

        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var update in updates)
        {
            notifier.Publish(update);
        }

        return jobs.Count;
    }
}
