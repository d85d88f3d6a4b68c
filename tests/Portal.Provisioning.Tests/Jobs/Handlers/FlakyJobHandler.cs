using Portal.Provisioning.Jobs;
using Portal.Provisioning.Tests.Infrastructure;

namespace Portal.Provisioning.Tests.Jobs.Handlers;

/// <summary>Fails its first <see cref="FlakyPayload.Failures"/> attempts, then succeeds. Registered as idempotent and as not.</summary>
public sealed class FlakyJobHandler(JobProbe probe) : IJobHandler
{
    public const string IdempotentKind = "test.flaky.idempotent";
    public const string NonIdempotentKind = "test.flaky";

    public async Task ExecuteAsync(JobExecutionContext context)
    {
        using var _ = probe.Enter(context);
        var payload = context.GetPayload<FlakyPayload>();
        await context.LogAsync($"Attempt {context.Attempt}.");
        if (context.Attempt <= payload.Failures)
        {
            throw new InvalidOperationException($"Planned failure of attempt {context.Attempt}.");
        }
    }
}
