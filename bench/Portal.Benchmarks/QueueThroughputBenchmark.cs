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
    // A first batch lets tiered JIT finish, so the measured batch shows the steady state.
    private const int WarmupJobs = 1_000;
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

        await RunBatchAsync(host, WarmupJobs, cancellationToken);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (enqueued, elapsed) = await RunBatchAsync(host, Jobs, cancellationToken);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var rate = Jobs / elapsed.TotalSeconds;

        await ReportTable.WriteHeaderAsync(report);
        await ReportTable.WriteRowAsync(report, "all jobs enqueued after", "", $"{enqueued.TotalSeconds:0.00} s", null);
        await ReportTable.WriteRowAsync(report, "all jobs succeeded after", "", $"{elapsed.TotalSeconds:0.00} s", null);
        await ReportTable.WriteRowAsync(report, "process CPU time per job (all threads)", "", $"{cpu.TotalMilliseconds / Jobs:0.00} ms", null);
        await ReportTable.WriteRowAsync(report, "throughput", ">= 300 jobs/s", $"{rate:0} jobs/s", rate >= 300);
    }

    private static async Task<(TimeSpan Enqueued, TimeSpan Finished)> RunBatchAsync(BenchHost host, int jobs, CancellationToken cancellationToken)
    {
        var queue = host.Get<IJobQueue>();
        var succeeded = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = host.Get<JobUpdatesNotifier>().Subscribe(null, update =>
        {
            if (update.State == JobState.Succeeded && Interlocked.Increment(ref succeeded) == jobs)
            {
                allDone.TrySetResult();
            }

            return Task.CompletedTask;
        });

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < jobs; i++)
        {
            await queue.EnqueueAsync(new JobRequest { Kind = StartSignalJobHandler.Kind, Title = "throughput", RequestedBy = "bench" }, cancellationToken: cancellationToken);
        }

        var enqueued = stopwatch.Elapsed;
        await allDone.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
        return (enqueued, stopwatch.Elapsed);
    }
}
