using Portal.Provisioning.Jobs;
using Portal.Provisioning.Tests.Infrastructure;

namespace Portal.Provisioning.Tests.Jobs.Handlers;

/// <summary>Writes a log line and a progress event, then succeeds with a result.</summary>
public sealed class QuickJobHandler(JobProbe probe) : IJobHandler
{
    public const string Kind = "test.quick";

    public async Task ExecuteAsync(JobExecutionContext context)
    {
        using var _ = probe.Enter(context);
        await context.LogAsync("Hello from the quick job.");
        await context.ReportProgressAsync("Halfway.", new { percent = 50 });
        context.Result = new { answer = 42 };
    }
}
