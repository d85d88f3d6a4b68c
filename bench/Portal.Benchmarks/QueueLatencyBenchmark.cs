using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Provisioning.Jobs;

namespace Portal.Benchmarks;

/// <summary>
/// Enqueue-to-start latency with an idle worker: each job is enqueued only once the previous one has finished, so the
/// worker is asleep on its signal every time and the number shows the wake-up path (not the poll, which is 5 s).
/// </summary>
internal sealed class QueueLatencyBenchmark : IBenchmark
{
    private const int Warmup = 50;
    private const int Jobs = 1_000;

    public string Name => "queue-latency";

    public string Description => $"enqueue-to-start latency of {Jobs:N0} jobs, one at a time, idle worker (target p99 < 50 ms)";

    public async Task RunAsync(TextWriter report, CancellationToken cancellationToken)
    {
        var started = Channel.CreateUnbounded<(long JobId, long StartedTimestamp)>();
        await using var host = await BenchHost.StartAsync(
            new() { ["Jobs:WorkerCount"] = "1", ["Jobs:PollInterval"] = "00:00:05" },
            services =>
            {
                services.AddSingleton(started.Writer);
                services.AddJobHandler<StartSignalJobHandler>(StartSignalJobHandler.Kind);
            });
        var queue = host.Get<IJobQueue>();
        var finished = Channel.CreateUnbounded<long>();
        using var subscription = host.Get<JobUpdatesNotifier>().Subscribe(null, update =>
        {
            if (update.State.IsFinished())
            {
                finished.Writer.TryWrite(update.JobId);
            }

            return Task.CompletedTask;
        });

        var latencies = new List<TimeSpan>(Jobs);
        for (var i = 0; i < Warmup + Jobs; i++)
        {
            var before = Stopwatch.GetTimestamp();
            var jobId = await queue.EnqueueAsync(new JobRequest { Kind = StartSignalJobHandler.Kind, Title = "latency", RequestedBy = "bench" }, cancellationToken: cancellationToken);
            var (startedJob, startedAt) = await started.Reader.ReadAsync(cancellationToken);
            if (startedJob != jobId || await finished.Reader.ReadAsync(cancellationToken) != jobId)
            {
                throw new InvalidOperationException($"Expected job {jobId} to run alone, saw {startedJob}.");
            }

            if (i >= Warmup)
            {
                latencies.Add(Stopwatch.GetElapsedTime(before, startedAt));
            }
        }

        var p = new Percentiles(latencies);
        await ReportTable.WriteHeaderAsync(report);
        await ReportTable.WriteRowAsync(report, "p50", "", $"{p.At(50):0.00} ms", null);
        await ReportTable.WriteRowAsync(report, "p95", "", $"{p.At(95):0.00} ms", null);
        await ReportTable.WriteRowAsync(report, "p99", "< 50 ms", $"{p.At(99):0.00} ms", p.At(99) < 50);
        await ReportTable.WriteRowAsync(report, "max", "", $"{p.Max:0.00} ms", null);
    }
}
