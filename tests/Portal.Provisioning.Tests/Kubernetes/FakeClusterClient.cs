using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Tests.Kubernetes;

/// <summary>
/// A scripted cluster for one kind: list results are dequeued per list call, and each watch call takes the next scripted
/// stream (a channel the test writes events to and completes to end the stream). Records the calls it receives.
/// </summary>
internal sealed class FakeClusterClient<TItem> : IClusterClient
    where TItem : class, IKubernetesObject
{
    private readonly Queue<KubernetesList<TItem>> _lists = new();
    private readonly Queue<Channel<WatchEvent<TItem>>> _watches = new();

    public Uri Server { get; } = new("https://fake.invalid");

    public string DefaultNamespace => "default";

    public List<string?> WatchedFrom { get; } = [];

    public int ListCalls { get; private set; }

    public void EnqueueList(string resourceVersion, params TItem[] items) =>
        _lists.Enqueue(new KubernetesList<TItem> { Metadata = new ListMeta { ResourceVersion = resourceVersion }, Items = [.. items] });

    public ChannelWriter<WatchEvent<TItem>> EnqueueWatch()
    {
        var channel = Channel.CreateUnbounded<WatchEvent<TItem>>();
        _watches.Enqueue(channel);
        return channel.Writer;
    }

    public Task<KubernetesList<T>> ListAsync<T>(KubernetesResource<T> resource, string? ns, ListOptions? options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        ListCalls++;
        return Task.FromResult((KubernetesList<T>)(object)_lists.Dequeue());
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(KubernetesResource<T> resource, string? ns, WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        WatchedFrom.Add(options.ResourceVersion);
        if (!_watches.TryDequeue(out var stream))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield break;
        }

        await foreach (var change in stream.Reader.ReadAllAsync(cancellationToken))
        {
            yield return (WatchEvent<T>)(object)change;
        }
    }

    public Task<VersionInfo> GetVersionAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<T> GetAsync<T>(KubernetesResource<T> resource, string? ns, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject => throw new NotSupportedException();

    public Task<T> CreateAsync<T>(KubernetesResource<T> resource, string? ns, T item, CancellationToken cancellationToken)
        where T : class, IKubernetesObject => throw new NotSupportedException();

    public Task<T> ReplaceAsync<T>(KubernetesResource<T> resource, string? ns, T item, CancellationToken cancellationToken)
        where T : class, IKubernetesObject => throw new NotSupportedException();

    public Task<T> PatchAsync<T>(KubernetesResource<T> resource, string? ns, string name, PatchType type, string patch, CancellationToken cancellationToken, string? fieldManager = null)
        where T : class, IKubernetesObject => throw new NotSupportedException();

    public Task<T?> DeleteAsync<T>(KubernetesResource<T> resource, string? ns, string name, DeleteOptions? options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject => throw new NotSupportedException();

    public Task<string> ReadPodLogAsync(string? ns, string pod, PodLogOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
}
