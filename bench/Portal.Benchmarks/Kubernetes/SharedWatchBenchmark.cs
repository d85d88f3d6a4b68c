using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Watching;
using Portal.Sandbox.Kubernetes;

namespace Portal.Benchmarks.Kubernetes;

/// <summary>
/// 100 concurrent viewers of one namespace through the shared watch hub: counts the watch streams the server sees
/// (must be exactly 1) and measures event-to-viewer latency (from just before the PATCH is sent to each viewer's receipt).
/// </summary>
public sealed class SharedWatchBenchmark : IBenchmark
{
    private const int Viewers = 100;
    private const int Changes = 200;
    private const string SequenceAnnotation = "bench/seq";

    public string Name => "kube-shared-watch";

    public string Description => $"{Viewers} concurrent viewers of one namespace: upstream watches opened, event-to-viewer latency over {Changes} changes";

    public async Task RunAsync(TextWriter report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var server = await SandboxKubernetesServer.StartAsync(new SandboxKubernetesOptions { HttpPort = -1 }, cancellationToken: cancellationToken);
        using var client = BenchCluster.CreateClient(server);
        await client.CreateAsync(KubernetesResources.Services, "default", BenchCluster.Service("web"), cancellationToken);
        await using var hub = new SharedWatchHub(Options.Create(new KubernetesOptions { SharedWatchLinger = TimeSpan.FromSeconds(1) }), TimeProvider.System, NullLogger<SharedWatchHub>.Instance);

        var sent = new ConcurrentDictionary<int, long>();
        var latencies = new ConcurrentBag<double>();
        var snapshots = 0;
        var received = 0;
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var viewers = Enumerable.Range(0, Viewers).Select(_ => Task.Run(async () =>
        {
            try
            {
                await foreach (var change in hub.SubscribeAsync(server.ClusterName, client, KubernetesResources.Services, "default", leave.Token))
                {
                    var now = Stopwatch.GetTimestamp();
                    if (change.Type == ResourceChangeType.Snapshot)
                    {
                        Interlocked.Increment(ref snapshots);
                    }
                    else if (change.Item?.Metadata.Annotations?.GetValueOrDefault(SequenceAnnotation) is { } seq
                        && sent.TryGetValue(int.Parse(seq, CultureInfo.InvariantCulture), out var start))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(start, now).TotalMilliseconds);
                        Interlocked.Increment(ref received);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // the viewer left
            }
        }, cancellationToken)).ToList();

        await WaitAsync(() => Volatile.Read(ref snapshots) == Viewers, cancellationToken);
        var upstreamWatches = server.ActiveWatchCount;
        var upstreamStarts = hub.StartedUpstreamCount;

        for (var i = 0; i < Changes; i++)
        {
            sent[i] = Stopwatch.GetTimestamp();
            await client.PatchAsync(KubernetesResources.Services, "default", "web", PatchType.Merge,
                "{\"metadata\":{\"annotations\":{\"" + SequenceAnnotation + "\":\"" + i.ToString(CultureInfo.InvariantCulture) + "\"}}}", cancellationToken);
            await Task.Delay(10, cancellationToken);
        }

        await WaitAsync(() => Volatile.Read(ref received) == Viewers * Changes, cancellationToken);
        await leave.CancelAsync();
        await Task.WhenAll(viewers);
        await WaitAsync(() => server.ActiveWatchCount == 0, cancellationToken);

        var sorted = latencies.OrderBy(l => l).ToList();
        report.WriteLine("| measurement | value |");
        report.WriteLine("|---|---:|");
        report.WriteLine(Invariant($"| viewers | {Viewers} |"));
        report.WriteLine(Invariant($"| watch streams open on the server while {Viewers} viewers watch | {upstreamWatches} |"));
        report.WriteLine(Invariant($"| upstream watches started by the hub | {upstreamStarts} |"));
        report.WriteLine(Invariant($"| watch streams open on the server after the viewers left (linger 1 s) | {server.ActiveWatchCount} |"));
        report.WriteLine(Invariant($"| deliveries measured ({Changes} changes x {Viewers} viewers) | {sorted.Count} |"));
        report.WriteLine($"| event-to-viewer latency p50 ms | {BenchCluster.Percentile(sorted, 50)} |");
        report.WriteLine($"| event-to-viewer latency p95 ms | {BenchCluster.Percentile(sorted, 95)} |");
        report.WriteLine($"| event-to-viewer latency p99 ms | {BenchCluster.Percentile(sorted, 99)} |");
        report.WriteLine($"| event-to-viewer latency max ms | {BenchCluster.Percentile(sorted, 100)} |");
    }

    private static async Task WaitAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the shared watch benchmark did not converge within 60 s");
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
