using Portal.Provisioning.Jobs;

namespace Portal.Jobs.TestHost;

/// <summary>
/// A long step that commits an event every <see cref="TickInterval"/>, so a crash lands in the middle of it. Says
/// <c>RUNNING &lt;jobId&gt;</c> on standard output once its first event is committed.
/// </summary>
public sealed class SlowTickerJobHandler : IJobHandler
{
    public const string Kind = "test.slow-ticker";

    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(50);

    private const int MaxTicks = 12_000;

    public async Task ExecuteAsync(JobExecutionContext context)
    {
        await context.LogAsync("Tick 0");
        await Console.Out.WriteLineAsync($"RUNNING {context.JobId}");
        for (var tick = 1; tick <= MaxTicks; tick++)
        {
            await Task.Delay(TickInterval, context.CancellationToken);
            await context.LogAsync($"Tick {tick}");
        }
    }
}
