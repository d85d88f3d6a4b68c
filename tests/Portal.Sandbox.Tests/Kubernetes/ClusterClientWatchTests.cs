using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Kubernetes.Watching;

namespace Portal.Sandbox.Tests.Kubernetes;

public class ClusterClientWatchTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task WatchAsync_FromListVersion_GetsOnlyLaterChangesAndBookmarks()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await CreateServiceAsync(cluster, "before");
        var list = await cluster.Client.ListAsync(KubernetesResources.Services, "default", null, s_none);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<WatchEvent<Service>>();

        var watching = Task.Run(async () =>
        {
            await foreach (var change in cluster.Client.WatchAsync(KubernetesResources.Services, "default", new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion }, cts.Token))
            {
                seen.Add(change);
                if (seen.Any(e => e.Type == WatchEventType.Bookmark) && seen.Any(e => e.Type == WatchEventType.Deleted))
                {
                    return;
                }
            }
        });
        await CreateServiceAsync(cluster, "after");
        await cluster.Client.DeleteAsync(KubernetesResources.Services, "default", "after", null, s_none);
        await watching.WaitAsync(cts.Token);

        var changes = seen.Where(e => e.Type != WatchEventType.Bookmark).Select(e => (e.Type, e.Item!.Metadata.Name)).ToList();
        Assert.Equal([(WatchEventType.Added, "after"), (WatchEventType.Deleted, "after")], changes);
        var bookmark = seen.First(e => e.Type == WatchEventType.Bookmark);
        Assert.True(long.Parse(bookmark.Item!.Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture) >= long.Parse(list.Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WatchAsync_TooOldResourceVersion_YieldsErrorEventWith410()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        var list = await cluster.Client.ListAsync(KubernetesResources.Services, "default", null, s_none);
        await CreateServiceAsync(cluster, "a");
        cluster.Server.ExpireWatchHistory();

        var events = new List<WatchEvent<Service>>();
        await foreach (var change in cluster.Client.WatchAsync(KubernetesResources.Services, "default", new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion }, s_none))
        {
            events.Add(change);
        }

        var error = Assert.Single(events);
        Assert.Equal(WatchEventType.Error, error.Type);
        Assert.Equal(410, error.Error!.Code);
        Assert.Equal("Expired", error.Error.Reason);
        Assert.StartsWith($"too old resource version: {list.Metadata.ResourceVersion} (", error.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObserveAsync_HistoryExpiresWhileWatching_RelistsAndReportsTheMissedChanges()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        await CreateServiceAsync(cluster, "kept");
        await CreateServiceAsync(cluster, "removed");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var lists = 0;
        var options = new ObserveOptions { InitialBackoff = TimeSpan.FromMilliseconds(20), OnList = () => Interlocked.Increment(ref lists) };
        await using var changes = cluster.Client.ObserveAsync(KubernetesResources.Services, "default", options, cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(ResourceChangeType.Snapshot, changes.Current.Type);
        Assert.Equal(["kept", "removed"], changes.Current.Snapshot!.Select(s => s.Metadata.Name!).Order());

        // Changes happen while the watch is cut and the history compacted: the observer must get 410 and re-list.
        var next = changes.MoveNextAsync().AsTask();
        await Task.Delay(200);
        cluster.Server.ExpireWatchHistory();
        await cluster.Client.DeleteAsync(KubernetesResources.Services, "default", "removed", null, s_none);
        await CreateServiceAsync(cluster, "added");
        cluster.Server.ExpireWatchHistory();

        var received = new List<(ResourceChangeType, string)>();
        Assert.True(await next);
        received.Add((changes.Current.Type, changes.Current.Item!.Metadata.Name!));
        while (received.Count < 2)
        {
            Assert.True(await changes.MoveNextAsync());
            received.Add((changes.Current.Type, changes.Current.Item!.Metadata.Name!));
        }

        Assert.Equal([(ResourceChangeType.Added, "added"), (ResourceChangeType.Deleted, "removed")], received.Order());
        Assert.True(lists >= 2, $"expected a re-list after 410, saw {lists} list calls");
    }

    [Fact]
    public async Task ObserveAsync_ServerEndsWatch_ResumesFromLastVersionWithoutRelisting()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var lists = 0;
        var options = new ObserveOptions { WatchTimeout = TimeSpan.FromSeconds(1), OnList = () => Interlocked.Increment(ref lists) };
        await using var changes = cluster.Client.ObserveAsync(KubernetesResources.Services, "default", options, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await changes.MoveNextAsync());

        var next = changes.MoveNextAsync().AsTask();
        await Task.Delay(1500); // longer than timeoutSeconds: the first watch has ended and a second one runs
        await CreateServiceAsync(cluster, "late");

        Assert.True(await next);
        Assert.Equal((ResourceChangeType.Added, "late"), (changes.Current.Type, changes.Current.Item!.Metadata.Name!));
        Assert.Equal(1, lists);
    }

    [Fact]
    public async Task ObserveAsync_FirstListUnauthorized_FailsFastInsteadOfRetrying()
    {
        await using var cluster = await SandboxTestCluster.StartAsync();
        using var client = SandboxTestCluster.CreateClient(cluster.Server.Kubeconfig.Replace(cluster.Server.Token, "revoked", StringComparison.Ordinal));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<Portal.Provisioning.Kubernetes.Errors.KubernetesUnauthorizedException>(async () =>
        {
            await foreach (var change in client.ObserveAsync(KubernetesResources.Pods, "default", null, cts.Token))
            {
                Assert.Fail($"unexpected {change.Type}");
            }
        });
    }

    private static Task<Service> CreateServiceAsync(SandboxTestCluster cluster, string name) =>
        cluster.Client.CreateAsync(KubernetesResources.Services, "default", new Service
        {
            Metadata = new ObjectMeta { Name = name },
            Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] },
        }, s_none);
}
