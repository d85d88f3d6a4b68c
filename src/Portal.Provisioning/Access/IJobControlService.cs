using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;

namespace Portal.Provisioning.Access;

/// <summary>The job actions a person takes outside an environment's own commands, with the role check in front.</summary>
public interface IJobControlService
{
    /// <summary>Cancels (or forces the cancel of) a job; <see cref="CancelOutcome.Forbidden"/> without the Operator role.</summary>
    Task<CancelOutcome> CancelAsync(long jobId, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>Queues the queue self-test (Admin only).</summary>
    Task<EnvironmentCommandResult> RunSelfTestAsync(ActorContext actor, CancellationToken cancellationToken = default);
}
