using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Kubernetes.Watching;

namespace Portal.Provisioning.Tests.Kubernetes;

public class ResourceObserverTests
{
    private static readonly ObserveOptions s_fast = new() { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) };

    [Fact]
    public async Task ObserveAsync_BookmarkThenStreamEnds_RewatchesFromTheBookmarkVersion()
    {
        var client = new FakeClusterClient<Pod>();
        client.EnqueueList("10", PodAt("a", "9"));
        var first = client.EnqueueWatch();
        var second = client.EnqueueWatch();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using var changes = client.ObserveAsync(KubernetesResources.Pods, "default", s_fast, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await changes.MoveNextAsync());

        first.TryWrite(new WatchEvent<Pod>(WatchEventType.Bookmark, PodAt("", "15"), null));
        first.Complete();
        second.TryWrite(new WatchEvent<Pod>(WatchEventType.Modified, PodAt("a", "16"), null));
        Assert.True(await changes.MoveNextAsync());

        Assert.Equal((ResourceChangeType.Modified, "a"), (changes.Current.Type, changes.Current.Item!.Metadata.Name!));
        Assert.Equal(["10", "15"], client.WatchedFrom);
        Assert.Equal(1, client.ListCalls);
    }

    [Fact]
    public async Task ObserveAsync_ErrorEvent410_RelistsAndEmitsTheDifference()
    {
        var client = new FakeClusterClient<Pod>();
        client.EnqueueList("10", PodAt("kept", "5"), PodAt("changed", "6"), PodAt("removed", "7"));
        client.EnqueueList("30", PodAt("kept", "5"), PodAt("changed", "25"), PodAt("added", "28"));
        var expired = client.EnqueueWatch();
        client.EnqueueWatch();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using var changes = client.ObserveAsync(KubernetesResources.Pods, "default", s_fast, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(3, changes.Current.Snapshot!.Count);

        expired.TryWrite(new WatchEvent<Pod>(WatchEventType.Error, null, new Status { Code = 410, Reason = "Expired", Message = "too old resource version: 10 (20)" }));
        var received = new List<(ResourceChangeType, string)>();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await changes.MoveNextAsync());
            received.Add((changes.Current.Type, changes.Current.Item!.Metadata.Name!));
        }

        Assert.Equal([(ResourceChangeType.Added, "added"), (ResourceChangeType.Modified, "changed"), (ResourceChangeType.Deleted, "removed")], received.Order().ToList());
        Assert.Equal(2, client.ListCalls);

        // The iterator is lazy: asking for the next change makes it watch again, from the re-list's version.
        var pending = changes.MoveNextAsync().AsTask();
        await Eventually(() => client.WatchedFrom.Count == 2);
        Assert.Equal(["10", "30"], client.WatchedFrom);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    private static Pod PodAt(string name, string resourceVersion) =>
        new() { Metadata = new ObjectMeta { Name = name, Namespace = "default", ResourceVersion = resourceVersion } };

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
