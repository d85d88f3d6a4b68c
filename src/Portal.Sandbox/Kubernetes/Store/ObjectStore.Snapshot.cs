using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Persistence;

namespace Portal.Sandbox.Kubernetes.Store;

internal sealed partial class ObjectStore
{
    /// <summary>
    /// How far the counter skips ahead after a crash. The saved snapshot can miss the changes of its last second, and
    /// clients may have seen their versions; continuing from the saved counter would hand those numbers out again for
    /// different objects. A busy sandbox writes hundreds of versions a second, far fewer than this.
    /// </summary>
    public const long UncleanRestartVersionGap = 100_000;

    /// <summary>Every object and the counter, consistent with each other (taken under the lock; objects are immutable, so not copied).</summary>
    public StoreSnapshot Snapshot()
    {
        lock (_lock)
        {
            var objects = new List<(ResourceType, JsonObject)>();
            foreach (var type in ResourceTypes.All)
            {
                objects.AddRange(_objects[type].Values.Select(o => (type, o)));
            }

            return new StoreSnapshot(_resourceVersion, Clean: false, objects);
        }
    }

    /// <summary>
    /// Loads a saved snapshot into this new, empty store. The change history is not saved, so it starts empty at the
    /// restored version: a watch from an older version gets 410 Expired and re-lists, as after an etcd compaction.
    /// After a crash the counter skips ahead (<see cref="UncleanRestartVersionGap"/>) so no version is handed out twice.
    /// </summary>
    public long Restore(StoreSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            if (_objects.Values.Any(o => o.Count > 0))
            {
                throw new InvalidOperationException("A snapshot can only be restored into an empty store.");
            }

            var highest = snapshot.ResourceVersion;
            foreach (var (type, item) in snapshot.Objects)
            {
                var metadata = item["metadata"]!;
                var ns = type.Namespaced ? metadata["namespace"]!.GetValue<string>() : null;
                _objects[type][Key(ns, metadata["name"]!.GetValue<string>())] = item;
                highest = Math.Max(highest, VersionOf(item));
            }

            _resourceVersion = Math.Max(_resourceVersion, snapshot.Clean ? highest : highest + UncleanRestartVersionGap);
            _compactedVersion = _resourceVersion;
            _history.Clear();
            return _resourceVersion;
        }
    }
}
