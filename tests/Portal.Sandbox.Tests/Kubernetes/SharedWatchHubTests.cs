using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Kubernetes.Watching;

namespace Portal.Sandbox.Tests.Kubernetes;

public class SharedWatchHubTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task SubscribeAsync_HundredViewers_OpenOneUpstreamAndEachGetsSnapshotThenChange()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await CreateServiceAsync(cluster, "existing");
        await using var hub = CreateHub(TimeSpan.FromMilliseconds(200));
        using var leave = new CancellationTokenSource();
        var snapshots = 0;
        var added = 0;
        var viewers = Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            try
            {
                await foreach (var change in hub.SubscribeAsync(cluster.Server.ClusterName, cluster.Client, KubernetesResources.Services, "default", leave.Token))
                {
                    if (change.Type == ResourceChangeType.Snapshot && change.Snapshot!.Any(s => s.Metadata.Name == "existing"))
                    {
                        Interlocked.Increment(ref snapshots);
                    }
                    else if (change.Type == ResourceChangeType.Added && change.Item!.Metadata.Name == "new")
                    {
                        Interlocked.Increment(ref added);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // the viewer left
            }
        })).ToList();

        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref snapshots) == 100), TimeSpan.FromSeconds(10));
        await CreateServiceAsync(cluster, "new");
        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref added) == 100), TimeSpan.FromSeconds(10));

        Assert.Equal(1, hub.StartedUpstreamCount);
        Assert.Equal(1, hub.ActiveUpstreamCount);
        await leave.CancelAsync();
        await Task.WhenAll(viewers);
        await Eventually.UntilAsync(() => Task.FromResult(hub.ActiveUpstreamCount == 0), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SubscribeAsync_ViewerReturnsWithinLinger_ReusesUpstreamAndGetsCurrentSnapshot()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await using var hub = CreateHub(TimeSpan.FromSeconds(5));
        await FirstChangeAsync(hub, cluster);
        await CreateServiceAsync(cluster, "meanwhile");
        await Task.Delay(200);

        var snapshot = await FirstChangeAsync(hub, cluster);

        Assert.Equal(["meanwhile"], snapshot.Snapshot!.Select(s => s.Metadata.Name!));
        Assert.Equal(1, hub.StartedUpstreamCount);
    }

    [Fact]
    public async Task SubscribeAsync_DifferentNamespaces_OpenSeparateUpstreams()
    {
        await using var cluster = await SandboxTestCluster.StartAsync(configure: o => o.Namespaces.Add("shop"));
        await using var hub = CreateHub(TimeSpan.FromSeconds(5));

        await FirstChangeAsync(hub, cluster);
        await FirstChangeAsync(hub, cluster, "shop");

        Assert.Equal(2, hub.StartedUpstreamCount);
    }

    [Fact]
    public async Task SubscribeAsync_AllNamespacesSameNameTwice_LaterViewerSnapshotHasBoth()
    {
        await using var cluster = await SandboxTestCluster.StartAsync(configure: o => o.Namespaces.Add("shop"));
        await using var hub = CreateHub(TimeSpan.FromSeconds(5));
        await CreateServiceAsync(cluster, "web");
        await CreateServiceAsync(cluster, "web", "shop");
        using var first = new CancellationTokenSource();
        var firstViewer = Task.Run(async () =>
        {
            try
            {
                await foreach (var _ in hub.SubscribeAsync(cluster.Server.ClusterName, cluster.Client, KubernetesResources.Services, null, first.Token))
                {
                }
            }
            catch (OperationCanceledException)
            {
                // the viewer left
            }
        });
        await Eventually.UntilAsync(() => Task.FromResult(hub.ActiveUpstreamCount == 1), TimeSpan.FromSeconds(10));
        await Task.Delay(200);

        // The second viewer is served from the shared state, which must keep default/web and shop/web apart.
        var snapshot = await FirstChangeAsync(hub, cluster, null);

        Assert.Equal(["default/web", "shop/web"], snapshot.Snapshot!.Where(s => s.Metadata.Name == "web").Select(s => $"{s.Metadata.Namespace}/{s.Metadata.Name}").Order());
        await first.CancelAsync();
        await firstViewer;
    }

    private static SharedWatchHub CreateHub(TimeSpan linger) =>
        new(Options.Create(new KubernetesOptions { SharedWatchLinger = linger }), TimeProvider.System, NullLogger<SharedWatchHub>.Instance);

    private static async Task<ResourceChange<Service>> FirstChangeAsync(SharedWatchHub hub, SandboxTestCluster cluster, string? ns = "default")
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var change in hub.SubscribeAsync(cluster.Server.ClusterName, cluster.Client, KubernetesResources.Services, ns, cts.Token))
        {
            return change;
        }

        throw new InvalidOperationException("the shared watch ended without a snapshot");
    }

    private static Task<Service> CreateServiceAsync(SandboxTestCluster cluster, string name, string ns = "default") =>
        cluster.Client.CreateAsync(KubernetesResources.Services, ns, new Service
        {
            Metadata = new ObjectMeta { Name = name },
            Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] },
        }, s_none);
}
