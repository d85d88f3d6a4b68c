using Portal.Data.Entities;
using Portal.Data.Queries;

namespace Portal.Provisioning.Releases;

/// <summary>Where rollbacks go; the service queues by these rules and the UI names the image before asking.</summary>
public static class RollbackRules
{
    /// <summary>How many of a workload's newest releases are searched for the one a one-click rollback undoes.</summary>
    public const int SearchDepth = 100;

    /// <summary>
    /// The release a one-click rollback undoes (kubectl rollout undo): the newest change of image that put
    /// <paramref name="runningImage"/> in place, or, when that is unknown, the newest change of image; restarts do not
    /// count. The rollback goes to its <see cref="ReleaseSummary.ImageBefore"/>. Null when there is none. Looking for the
    /// running image skips a newer release that never reached the Deployment (its patch was refused, say).
    /// </summary>
    /// <param name="newestFirst">The workload's recent releases, newest first.</param>
    /// <param name="runningImage">The image the workload's container runs now, when it could be read.</param>
    public static ReleaseSummary? UndoSource(IEnumerable<ReleaseSummary> newestFirst, string? runningImage)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var changes = newestFirst.Where(r => r.Kind != ReleaseKind.Restart && r.ImageBefore is not null && r.ImageBefore != r.ImageAfter).ToList();
        return (runningImage is null ? null : changes.FirstOrDefault(r => r.ImageAfter == runningImage)) ?? changes.FirstOrDefault();
    }

    /// <summary>
    /// The image a rollback to <paramref name="release"/> runs: the image before it when it failed or was cancelled
    /// (its own may never have run whole), else its own.
    /// </summary>
    public static string? TargetImage(ReleaseSummary release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return release.Status is ReleaseStatus.Failed or ReleaseStatus.Cancelled ? release.ImageBefore : release.ImageAfter;
    }

    /// <summary>A release record as it is queued (with its job, in the job's transaction); the job fills in the rest.</summary>
    public static ReleaseRecord NewRecord(
        long environmentId, WorkloadTarget target, ReleaseKind kind, string? image, long? rollbackOf, long jobId, string requestedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new ReleaseRecord
        {
            EnvironmentId = environmentId,
            Workload = target.Workload.Name,
            Kind = kind,
            Strategy = target.StrategyName,
            ImageAfter = image,
            RollbackOfReleaseId = rollbackOf,
            JobId = jobId,
            Status = ReleaseStatus.Queued,
            RequestedBy = requestedBy,
            RequestedAt = now,
        };
    }
}
