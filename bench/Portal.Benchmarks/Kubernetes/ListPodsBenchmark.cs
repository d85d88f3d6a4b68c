using System.Diagnostics;
using System.Globalization;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Sandbox.Kubernetes;

namespace Portal.Benchmarks.Kubernetes;

/// <summary>
/// Lists and decodes 5,000 pods (pages of 500, as kubectl does) with the portal client, and runs
/// <c>kubectl get pods -o json</c> against the same server over the same HTTPS endpoint.
/// </summary>
public sealed class ListPodsBenchmark : IBenchmark
{
    private const int PodCount = 5000;
    private const int Runs = 7;

    public string Name => "kube-list-pods";

    public string Description => $"list and decode {PodCount} pods: portal client vs kubectl get pods -o json (same sandbox server, HTTPS)";

    public async Task RunAsync(TextWriter report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var server = await SandboxKubernetesServer.StartAsync(new SandboxKubernetesOptions { Speed = 1000, HttpPort = -1 }, cancellationToken: cancellationToken);
        using var client = BenchCluster.CreateClient(server);
        await SeedAsync(client, cancellationToken);

        var clientTimes = new List<double>();
        var decoded = 0;
        for (var run = 0; run < Runs + 2; run++)
        {
            var watch = Stopwatch.StartNew();
            var list = await client.ListAllAsync(KubernetesResources.Pods, "default", null, cancellationToken, pageSize: 500);
            watch.Stop();
            decoded = list.Items.Count(p => p.Status?.Phase == "Running");
            if (run >= 2)
            {
                clientTimes.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var kubectlTimes = await KubectlTimesAsync(server, cancellationToken);
        clientTimes.Sort();
        var clientMedian = clientTimes[clientTimes.Count / 2];
        report.WriteLine("| measurement | median ms | min ms | max ms | note |");
        report.WriteLine("|---|---:|---:|---:|---|");
        report.WriteLine(Invariant($"| portal ClusterClient.ListAllAsync ({PodCount} pods, 10 pages) | {clientMedian:0.0} | {clientTimes[0]:0.0} | {clientTimes[^1]:0.0} | {decoded} pods decoded Running, {Runs} runs after 2 warm-ups |"));
        if (kubectlTimes is null)
        {
            report.WriteLine("| kubectl get pods -o json | n/a | | | kubectl not found at /usr/bin/kubectl |");
            return;
        }

        kubectlTimes.Sort();
        var kubectlMedian = kubectlTimes[kubectlTimes.Count / 2];
        report.WriteLine(Invariant($"| kubectl get pods -o json (process, warm discovery cache) | {kubectlMedian:0.0} | {kubectlTimes[0]:0.0} | {kubectlTimes[^1]:0.0} | {Runs} runs after 1 warm-up; includes process start and printing |"));
        report.WriteLine(Invariant($"| ratio kubectl / portal client | {kubectlMedian / clientMedian:0.0}x | | | |"));
    }

    private static async Task SeedAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        // Pods created through the API like any other; the simulated kubelet runs them (speed 1000: ~3 ms per stage).
        await Parallel.ForEachAsync(Enumerable.Range(0, PodCount), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
            await client.CreateAsync(KubernetesResources.Pods, "default", new Pod
            {
                Metadata = new ObjectMeta { Name = $"bench-{i:00000}", Labels = new() { ["app"] = "bench", ["shard"] = (i % 10).ToString(CultureInfo.InvariantCulture) } },
                Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "nginx:1.27", Ports = [new ContainerPort { Port = 80 }] }] },
            }, ct));
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var list = await client.ListAllAsync(KubernetesResources.Pods, "default", null, cancellationToken);
            if (list.Items.All(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true))
            {
                return;
            }

            await Task.Delay(500, cancellationToken);
        }

        throw new TimeoutException("the sandbox did not bring 5,000 pods to Ready within 3 minutes");
    }

    private static async Task<List<double>?> KubectlTimesAsync(SandboxKubernetesServer server, CancellationToken cancellationToken)
    {
        const string kubectl = "/usr/bin/kubectl";
        if (!File.Exists(kubectl))
        {
            return null;
        }

        var directory = Directory.CreateTempSubdirectory("portal-bench-kubectl-").FullName;
        try
        {
            var kubeconfig = Path.Combine(directory, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, server.Kubeconfig, cancellationToken);
            var times = new List<double>();
            for (var run = 0; run < Runs + 1; run++)
            {
                var startInfo = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var arg in new[] { "--cache-dir", Path.Combine(directory, "cache"), "get", "pods", "-o", "json" })
                {
                    startInfo.ArgumentList.Add(arg);
                }

                startInfo.Environment["KUBECONFIG"] = kubeconfig;
                startInfo.Environment["HOME"] = directory;
                var watch = Stopwatch.StartNew();
                using var process = Process.Start(startInfo)!;
                var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromMinutes(2));
                await process.WaitForExitAsync(timeout.Token);
                var output = await stdout;
                watch.Stop();
                if (process.ExitCode != 0 || !output.Contains("bench-04999", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"kubectl failed: {await stderr}");
                }

                if (run >= 1)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            return times;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
