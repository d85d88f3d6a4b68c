using Portal.Provisioning.Jobs;
using Portal.Provisioning.Tests.Infrastructure;

namespace Portal.Provisioning.Tests.Jobs.Handlers;

/// <summary>Logs, then waits until the test opens its gate; honours cooperative cancellation like a well-behaved step.</summary>
public sealed class GatedJobHandler(JobProbe probe) : IJobHandler
{
    public const string Kind = "test.gated";

    public async Task ExecuteAsync(JobExecutionContext context)
    {
        // Logged before the probe says "started", so a test acting on that sees this event first.
        await context.LogAsync("Waiting at the gate.");
        using var _ = probe.Enter(context);
        await probe.WaitAtGateAsync(context.JobId, context.CancellationToken);
        await context.LogAsync("Through the gate.");
        context.Result = new { passed = true };
    }
}
