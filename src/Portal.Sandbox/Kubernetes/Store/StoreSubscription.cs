using System.Threading.Channels;

namespace Portal.Sandbox.Kubernetes.Store;

/// <summary>A live feed of store changes for one kind (or all kinds) and namespace (or all namespaces).</summary>
internal sealed class StoreSubscription(ObjectStore store, ResourceType? type, string? ns, bool isWatch) : IDisposable
{
    private readonly Channel<WatchRecord> _channel = Channel.CreateUnbounded<WatchRecord>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<WatchRecord> Reader => _channel.Reader;

    /// <summary>Client watch streams (not controllers): these are closed when the sandbox expires its history.</summary>
    public bool IsWatch => isWatch;

    public bool Accepts(WatchRecord record) => (type is null || record.Type == type) && (ns is null || record.Namespace == ns);

    public void Publish(WatchRecord record) => _channel.Writer.TryWrite(record);

    public void Close() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        store.Unsubscribe(this);
        Close();
    }
}
