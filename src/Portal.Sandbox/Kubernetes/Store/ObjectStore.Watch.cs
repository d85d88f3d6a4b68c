using System.Text.Json.Nodes;

namespace Portal.Sandbox.Kubernetes.Store;

internal sealed partial class ObjectStore
{
    /// <summary>
    /// Starts a watch atomically with respect to writes: the events before "now" (synthetic ADDED for every object when
    /// <paramref name="fromVersion"/> is null or 0, otherwise the history after it) and a subscription for what follows.
    /// </summary>
    public (List<WatchRecord> Backlog, StoreSubscription Subscription) Watch(ResourceType type, string? ns, long? fromVersion)
    {
        lock (_lock)
        {
            List<WatchRecord> backlog;
            if (fromVersion is null or 0)
            {
                backlog = [.. List(type, ns).Items.Select(o => new WatchRecord(long.Parse(o["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), type, "ADDED", o, null))];
            }
            else if (fromVersion < _compactedVersion)
            {
                throw ApiError.Expired(fromVersion.Value, _compactedVersion + 1);
            }
            else
            {
                var subscription = new StoreSubscription(this, type, type.Namespaced ? ns : null, isWatch: true);
                backlog = [.. _history.Where(r => r.ResourceVersion > fromVersion && subscription.Accepts(r))];
                _subscribers.Add(subscription);
                return (backlog, subscription);
            }

            var live = new StoreSubscription(this, type, type.Namespaced ? ns : null, isWatch: true);
            _subscribers.Add(live);
            return (backlog, live);
        }
    }

    /// <summary>Open client watch streams (diagnostics: benchmarks prove shared watches open exactly one).</summary>
    public int ActiveWatchCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count(s => s.IsWatch);
            }
        }
    }

    /// <summary>Every change to every kind, for the controllers.</summary>
    public StoreSubscription SubscribeAll()
    {
        lock (_lock)
        {
            var subscription = new StoreSubscription(this, null, null, isWatch: false);
            _subscribers.Add(subscription);
            return subscription;
        }
    }

    public void Unsubscribe(StoreSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscription);
        }
    }

    /// <summary>
    /// Simulates etcd compaction: forgets all history and ends every open watch stream, so a client that re-watches
    /// from the version it last saw gets 410 Expired and must re-list.
    /// </summary>
    public void ExpireHistory()
    {
        lock (_lock)
        {
            _resourceVersion++;
            _compactedVersion = _resourceVersion;
            _history.Clear();
            foreach (var subscription in _subscribers.Where(s => s.IsWatch).ToList())
            {
                _subscribers.Remove(subscription);
                subscription.Close();
            }
        }
    }

    private void Record(WatchRecord record)
    {
        _history.Enqueue(record);
        while (_history.Count > historyLimit)
        {
            _compactedVersion = _history.Dequeue().ResourceVersion;
        }

        foreach (var subscriber in _subscribers)
        {
            if (subscriber.Accepts(record))
            {
                subscriber.Publish(record);
            }
        }
    }

    internal static long VersionOf(JsonNode item) =>
        long.Parse(item["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
