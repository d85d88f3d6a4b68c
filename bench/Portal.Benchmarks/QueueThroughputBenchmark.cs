using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Provisioning.Jobs;

namespace Portal.Benchmarks;

/// <summary>
/// Trivial jobs end to end: every job is enqueued (job, event and audit entry in one transaction), claimed, started,
/// finished (state, event and audit entry) by the default two workers while the producer keeps enqueueing.
/// </summary>
internal sealed class QueueThroughputBenchmark : IBenchmark
{
    private const int Jobs = 3_000;

    public string Name => "queue-throughput";

    public string Description => $"{Jobs:N0} trivial jobs enqueued and run end to end, default 2 workers (target >= 300 jobs/s)";

    public async Task RunAsync(TextWriter report, CancellationToken cancellationToken)
    {
        var started = Channel.CreateUnbounded<(long JobId, long StartedTimestamp)>();
        await using var host = await BenchHost.StartAsync(
            null,
            services =>
            {
                services.AddSingleton(started.Writer);
                services.AddJobHandler<StartSignalJobHandler>(StartSignalJobHandler.Kind);
            });
        var queue = host.Get<IJobQueue>();
        var succeeded = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = host.Get<JobUpdatesNotifier>().Subscribe(null, update =>
        {
            if (update.State == JobState.Succeeded && Interlocked.Increment(ref succeeded) == Jobs)
            {
                allDone.TrySetResult();
            }

            return Task.CompletedTask;
        });

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Jobs; i++)
        {
            await queue.EnqueueAsync(new JobRequest { Kind = StartSignalJobHandler.Kind, Title = "throughput", RequestedBy = "bench" }, cancellationToken: cancellationToken);
        }

        var enqueued = stopwatch.Elapsed;
        await allDone.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var elapsed = stopwatch.Elapsed;
        var rate = Jobs / elapsed.TotalSeconds;

        await ReportTable.WriteHeaderAsync(report);
        await ReportTable.WriteRowAsync(report, "jobs enqueued (s)", "", $"{enqueued.TotalSeconds:0.00} s", null);
        await ReportTable.WriteRowAsync(report, "all succeeded (s)", "", $"{elapsed.TotalSeconds:0.00} s", null);
        await ReportTable.WriteRowAsync(report, "throughput", ">= 300 jobs/s", $"{rate:0} jobs/s", rate >= 300);
    }
}
