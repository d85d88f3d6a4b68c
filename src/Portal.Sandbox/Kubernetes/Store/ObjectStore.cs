using System.Globalization;
using System.Text.Json.Nodes;

namespace Portal.Sandbox.Kubernetes.Store;

/// <summary>
/// The sandbox's etcd: objects per kind keyed "namespace/name", one global resourceVersion counter, and a bounded history
/// of changes for watches (an older resourceVersion than the history holds gets 410 Expired, as from a compacted etcd).
/// Stored objects are never mutated: a write stores a new tree, so readers can serialize without copying. One lock.
/// </summary>
internal sealed partial class ObjectStore(TimeProvider timeProvider, int historyLimit)
{
    private static readonly string[] s_managedMetadata = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name"];
    private readonly Lock _lock = new();
    private readonly Dictionary<ResourceType, SortedDictionary<string, JsonObject>> _objects = ResourceTypes.All.ToDictionary(t => t, _ => new SortedDictionary<string, JsonObject>(StringComparer.Ordinal));
    private readonly Queue<WatchRecord> _history = new();
    private readonly List<StoreSubscription> _subscribers = [];
    private long _resourceVersion = 1000;
    private long _compactedVersion = 1000;

    public TimeProvider Time => timeProvider;

    public long CurrentVersion
    {
        get
        {
            lock (_lock)
            {
                return _resourceVersion;
            }
        }
    }

    public static string Key(string? ns, string name) => $"{ns}/{name}";

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public JsonObject? Get(ResourceType type, string? ns, string name)
    {
        lock (_lock)
        {
            return _objects[type].GetValueOrDefault(Key(type.Namespaced ? ns : null, name));
        }
    }

    /// <summary>All objects of a kind (in one namespace, or all), in key order, and the version they are consistent with.</summary>
    public (List<JsonObject> Items, long ResourceVersion) List(ResourceType type, string? ns)
    {
        lock (_lock)
        {
            var all = _objects[type];
            var items = ns is null || !type.Namespaced
                ? [.. all.Values]
                : all.Where(kv => kv.Key.StartsWith(ns + "/", StringComparison.Ordinal)).Select(kv => kv.Value).ToList();
            return (items, _resourceVersion);
        }
    }

    public bool NamespaceHasObjects(string ns)
    {
        lock (_lock)
        {
            return _objects.Any(kv => kv.Key.Namespaced && kv.Value.Keys.Any(k => k.StartsWith(ns + "/", StringComparison.Ordinal)));
        }
    }

    /// <summary>Stores a new object: uid, creationTimestamp, generation and resourceVersion are set here.</summary>
    public JsonObject Create(ResourceType type, JsonObject item)
    {
        item = (JsonObject)item.DeepClone();
        var metadata = item["metadata"]!.AsObject();
        var name = metadata["name"]!.GetValue<string>();
        var ns = type.Namespaced ? metadata["namespace"]?.GetValue<string>() : null;
        lock (_lock)
        {
            var key = Key(ns, name);
            if (_objects[type].ContainsKey(key))
            {
                throw ApiError.AlreadyExists(type, name);
            }

            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = Timestamp(timeProvider.GetUtcNow());
            if (type.HasGeneration)
            {
                metadata["generation"] = 1;
            }

            metadata.Remove("deletionTimestamp");
            var version = ++_resourceVersion;
            metadata["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            _objects[type][key] = item;
            Record(new WatchRecord(version, type, "ADDED", item, null));
            return item;
        }
    }

    /// <summary>
    /// Read-modify-write under the lock. <paramref name="mutate"/> gets a private copy of the current object. Server-managed
    /// metadata is kept, generation is bumped when spec changed, a no-op write keeps the old version (as the apiserver does),
    /// and an object whose deletion was waiting for its last finalizer is removed.
    /// </summary>
    public JsonObject Update(ResourceType type, string? ns, string name, Func<JsonObject, JsonObject> mutate, string? expectedVersion = null)
    {
        lock (_lock)
        {
            var key = Key(type.Namespaced ? ns : null, name);
            var current = _objects[type].GetValueOrDefault(key) ?? throw ApiError.NotFound(type, name);
            var currentVersion = current["metadata"]!["resourceVersion"]!.GetValue<string>();
            if (!string.IsNullOrEmpty(expectedVersion) && expectedVersion != currentVersion)
            {
                throw ApiError.Conflict(type, name);
            }

            var next = (JsonObject)mutate((JsonObject)current.DeepClone()).DeepClone();
            var metadata = next["metadata"] as JsonObject ?? throw ApiError.BadRequest("metadata is required");
            var oldMetadata = current["metadata"]!.AsObject();
            foreach (var managed in s_managedMetadata)
            {
                metadata.Remove(managed);
                if (oldMetadata[managed] is { } value)
                {
                    metadata[managed] = value.DeepClone();
                }
            }

            metadata["resourceVersion"] = currentVersion;
            if (type.HasGeneration && !JsonNode.DeepEquals(current["spec"], next["spec"]))
            {
                metadata["generation"] = JsonValues.AsLong(oldMetadata["generation"]) + 1;
            }

            if (JsonNode.DeepEquals(current, next))
            {
                return current;
            }

            var version = ++_resourceVersion;
            metadata["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            if (metadata["deletionTimestamp"] is not null && IsFinalizersEmpty(metadata))
            {
                _objects[type].Remove(key);
                Record(new WatchRecord(version, type, "DELETED", next, current));
                return next;
            }

            _objects[type][key] = next;
            Record(new WatchRecord(version, type, "MODIFIED", next, current));
            return next;
        }
    }

    /// <summary>
    /// Deletes, or only marks deletionTimestamp while finalizers (or, for a namespace, its contents) hold the object. A
    /// scheduled pod deleted gracefully is held too: the kubelet removes it once its containers have stopped.
    /// </summary>
    public (JsonObject Object, bool Removed) Delete(ResourceType type, string? ns, string name, string? expectedUid = null, bool graceful = true)
    {
        lock (_lock)
        {
            var key = Key(type.Namespaced ? ns : null, name);
            var current = _objects[type].GetValueOrDefault(key) ?? throw ApiError.NotFound(type, name);
            var metadata = current["metadata"]!.AsObject();
            if (expectedUid is not null && metadata["uid"]?.GetValue<string>() != expectedUid)
            {
                throw ApiError.Conflict(type, name);
            }

            var held = !IsFinalizersEmpty(metadata)
                || (type == ResourceTypes.Namespaces && NamespaceHasObjectsLocked(name))
                || (graceful && type == ResourceTypes.Pods && current["spec"]?["nodeName"] is not null);
            var version = ++_resourceVersion;
            var next = (JsonObject)current.DeepClone();
            var nextMetadata = next["metadata"]!.AsObject();
            nextMetadata["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            if (held)
            {
                if (metadata["deletionTimestamp"] is not null)
                {
                    --_resourceVersion; // already terminating: nothing changes
                    return (current, false);
                }

                nextMetadata["deletionTimestamp"] = Timestamp(timeProvider.GetUtcNow());
                nextMetadata["deletionGracePeriodSeconds"] = type == ResourceTypes.Pods ? JsonValues.AsLong(current["spec"]?["terminationGracePeriodSeconds"]) : 0;
                if (type == ResourceTypes.Namespaces)
                {
                    next["status"] = new JsonObject { ["phase"] = "Terminating" };
                }

                _objects[type][key] = next;
                Record(new WatchRecord(version, type, "MODIFIED", next, current));
                return (next, false);
            }

            _objects[type].Remove(key);
            Record(new WatchRecord(version, type, "DELETED", next, current));
            return (next, true);
        }
    }

    private static bool IsFinalizersEmpty(JsonObject metadata) => metadata["finalizers"] is not JsonArray { Count: > 0 };

    private bool NamespaceHasObjectsLocked(string ns) =>
        _objects.Any(kv => kv.Key.Namespaced && kv.Value.Keys.Any(k => k.StartsWith(ns + "/", StringComparison.Ordinal)));
}
