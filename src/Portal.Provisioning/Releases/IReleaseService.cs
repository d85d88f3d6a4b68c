using Portal.Provisioning.Environments;

namespace Portal.Provisioning.Releases;

/// <summary>
/// Releases, rollbacks and restarts of an environment's workloads, as the UI and the REST API ask for them. Each is
/// validated (nothing is written when the input is wrong), then queued as a job with its release record and audit entry
/// in one transaction; the job changes the image by the workload's strategy and tracks the rollout to its verdict.
/// Accepted results carry the job and <see cref="EnvironmentCommandResult.ReleaseId"/>.
/// </summary>
public interface IReleaseService
{
    /// <summary>What the release would change: a queued Pulumi preview, or the old and new image of a direct patch.</summary>
    Task<ReleasePreviewResult> PreviewAsync(ReleaseCommand command, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>Queues the release of a new image.</summary>
    Task<EnvironmentCommandResult> ReleaseAsync(ReleaseCommand command, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a rollback: a new release back to an earlier image. With <paramref name="toReleaseId"/>, back to the image
    /// that release ran (for a failed release, the image before it); without, back to the image before the workload's
    /// latest release, like <c>kubectl rollout undo</c>.
    /// </summary>
    Task<EnvironmentCommandResult> RollbackAsync(string environment, string workload, long? toReleaseId, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>Queues a restart (the <c>kubectl.kubernetes.io/restartedAt</c> annotation), tracked like a release.</summary>
    Task<EnvironmentCommandResult> RestartAsync(string environment, string workload, ActorContext actor, CancellationToken cancellationToken = default);
}
