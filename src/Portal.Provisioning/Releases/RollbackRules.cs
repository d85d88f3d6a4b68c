using Portal.Data.Entities;
using Portal.Data.Queries;

namespace Portal.Provisioning.Releases;

/// <summary>Where rollbacks go; the service queues by these rules and the UI names the image before asking.</summary>
public static class RollbackRules
{
    /// <summary>
    /// The release a one-click rollback undoes (kubectl rollout undo): the newest that changed the image, restarts not
    /// counted. The rollback goes to its <see cref="ReleaseSummary.ImageBefore"/>. Null when there is none.
    /// </summary>
    /// <param name="newestFirst">The workload's recent releases, newest first.</param>
    public static ReleaseSummary? UndoSource(IEnumerable<ReleaseSummary> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        return newestFirst.FirstOrDefault(r => r.Kind != ReleaseKind.Restart && r.ImageBefore is not null && r.ImageBefore != r.ImageAfter);
    }

    /// <summary>The image a rollback to <paramref name="release"/> runs: the image before it when it failed, else its own.</summary>
    public static string? TargetImage(ReleaseSummary release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return release.Status == ReleaseStatus.Failed ? release.ImageBefore : release.ImageAfter;
    }
}
