using Portal.Provisioning.Jobs;
using Portal.Provisioning.Tests.Infrastructure;

namespace Portal.Provisioning.Tests.Jobs.Handlers;

/// <summary>A step that ignores every cancellation token, like a hung child process: only a forced cancel ends the job.</summary>
public sealed class StubbornJobHandler(JobProbe probe) : IJobHandler
{
    public const string Kind = "test.stubborn";

    public async Task ExecuteAsync(JobExecutionContext context)
    {
        // Logged before the probe says "started", so a test acting on that sees this event first.
        await context.LogAsync("Working, and not listening.");
        using var _ = probe.Enter(context);
        await probe.WaitAtGateAsync(context.JobId, CancellationToken.None);
    }
}
