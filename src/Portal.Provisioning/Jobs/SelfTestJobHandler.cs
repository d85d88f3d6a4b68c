using Portal.Data.Entities;

namespace Portal.Provisioning.Jobs;

/// <summary>
/// <c>system.self-test</c>: walks a few timed steps and reports progress, so an operator can see that the queue,
/// the worker, live events and the audit trail work end to end (Settings → Run self-test).
/// </summary>
public sealed class SelfTestJobHandler(TimeProvider clock) : IJobHandler
{
    public const string Kind = "system.self-test";

    public async Task ExecuteAsync(JobExecutionContext context)
    {
        var payload = context.GetPayload<SelfTestPayload>();
        var steps = Math.Clamp(payload.Steps, 1, 100);
        var delay = TimeSpan.FromMilliseconds(Math.Clamp(payload.DelayMilliseconds, 0, 60_000));
        await context.LogAsync($"Self-test with {steps} step(s), {delay.TotalMilliseconds:0} ms apart.");
        for (var step = 1; step <= steps; step++)
        {
            await Task.Delay(delay, clock, context.CancellationToken);
            if (payload.FailAtStep == step)
            {
                throw new InvalidOperationException($"Step {step} failed as requested.");
            }

            await context.ReportProgressAsync($"Step {step} of {steps} done.", new { step, steps, percent = step * 100 / steps });
        }

        await context.LogAsync("All steps done.", JobEventLevel.Info);
        context.Result = new { steps };
    }
}
