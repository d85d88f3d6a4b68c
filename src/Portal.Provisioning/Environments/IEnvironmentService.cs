using System.Text.Json;

namespace Portal.Provisioning.Environments;

/// <summary>
/// Every change to an environment, as the UI and the REST API ask for it: validated here (nothing is written when the
/// input is wrong), then queued as a job with its audit entry in one transaction.
/// </summary>
public interface IEnvironmentService
{
    /// <summary>Creates the environment row and queues its provision job.</summary>
    Task<EnvironmentCommandResult> CreateAsync(CreateEnvironmentCommand command, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>Queues a preview of changed parameters (the stack is left as it was).</summary>
    Task<EnvironmentCommandResult> PreviewChangesAsync(string name, IReadOnlyDictionary<string, JsonElement> parameters, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>Queues an update that applies exactly what a succeeded preview job previewed.</summary>
    Task<EnvironmentCommandResult> ApplyPreviewAsync(string name, long previewJobId, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>Queues an update with changed parameters (no preview first: the API's PATCH).</summary>
    Task<EnvironmentCommandResult> UpdateAsync(string name, IReadOnlyDictionary<string, JsonElement> parameters, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>Queues a refresh preview that reports what changed outside the portal.</summary>
    Task<EnvironmentCommandResult> CheckDriftAsync(string name, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>Queues the destroy: load balancers drained, <c>pulumi destroy</c>, stack removed, environment archived.</summary>
    Task<EnvironmentCommandResult> DestroyAsync(string name, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>Queues a failed, cancelled or interrupted job of the environment again.</summary>
    Task<EnvironmentCommandResult> RetryAsync(string name, long jobId, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>Queues <c>pulumi cancel</c>: removes the lock an interrupted run left on the stack.</summary>
    Task<EnvironmentCommandResult> UnlockStackAsync(string name, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>Queues the clearing of pending operations an interrupted run left in the stack's state.</summary>
    Task<EnvironmentCommandResult> ClearPendingOperationsAsync(string name, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>The clear value of a secret output; every reveal is audited.</summary>
    Task<OutputRevealResult> RevealOutputAsync(string name, string output, ActorContext actor, CancellationToken cancellationToken = default);
}
