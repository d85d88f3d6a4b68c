using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;

namespace Portal.Provisioning.Access;

/// <summary><see cref="IJobControlService"/> over the job queue.</summary>
public sealed class JobControlService(IJobQueue queue, AccessGuard guard) : IJobControlService
{
    public async Task<CancelOutcome> CancelAsync(long jobId, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var decision = await guard.CheckAsync(actor, PortalAction.CancelJob, null, "job.cancel", $"job/{jobId}", null, cancellationToken);
        return decision.Allowed ? await queue.CancelAsync(jobId, actor.Name, actor.RemoteAddress, cancellationToken) : CancelOutcome.Forbidden;
    }

    public async Task<EnvironmentCommandResult> RunSelfTestAsync(ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var decision = await guard.CheckAsync(actor, PortalAction.RunSelfTest, null, "system.self-test", "portal", null, cancellationToken);
        if (!decision.Allowed)
        {
            return EnvironmentCommandResult.Forbidden(decision.Reason!);
        }

        var id = await queue.EnqueueAsync(new JobRequest
        {
            Kind = SelfTestJobHandler.Kind,
            Title = "Queue self-test",
            Payload = new SelfTestPayload(),
            RequestedBy = actor.Name,
            Audit = new JobAudit("system.self-test", "portal", RemoteAddress: actor.RemoteAddress),
        }, cancellationToken: cancellationToken);
        return new EnvironmentCommandResult(EnvironmentCommandStatus.Accepted, id, null, new Dictionary<string, string[]>(), null);
    }
}
