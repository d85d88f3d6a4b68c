using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Controllers;

/// <summary>
/// Background cascading deletion: dependents whose controller owner no longer exists are deleted (deployment → replica sets
/// → pods), and a terminating namespace is emptied, then removed.
/// </summary>
internal sealed class GarbageCollector(ObjectStore store)
{
    /// <summary>The apiserver's default --event-ttl: events older than this are removed (real time, not scaled).</summary>
    private static readonly TimeSpan s_eventTtl = TimeSpan.FromHours(1);
    private DateTimeOffset _nextEventSweep;

    public void Reconcile()
    {
        SweepEvents();
        var owners = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in new[] { ResourceTypes.Deployments, ResourceTypes.ReplicaSets })
        {
            foreach (var owner in store.List(type, null).Items.Where(o => !ObjectRefs.IsDeleting(o)))
            {
                owners.Add(ObjectRefs.Uid(owner));
            }
        }

        foreach (var type in new[] { ResourceTypes.ReplicaSets, ResourceTypes.Pods })
        {
            foreach (var item in store.List(type, null).Items)
            {
                if (ObjectRefs.ControllerUid(item) is { } owner && !owners.Contains(owner) && !ObjectRefs.IsDeleting(item))
                {
                    TryDelete(type, item);
                }
            }
        }

        foreach (var ns in store.List(ResourceTypes.Namespaces, null).Items.Where(ObjectRefs.IsDeleting))
        {
            var name = ObjectRefs.Name(ns);
            foreach (var type in ResourceTypes.All.Where(t => t.Namespaced))
            {
                foreach (var item in store.List(type, name).Items.Where(i => !ObjectRefs.IsDeleting(i)))
                {
                    TryDelete(type, item);
                }
            }

            if (!store.NamespaceHasObjects(name))
            {
                TryDelete(ResourceTypes.Namespaces, ns);
            }
        }
    }

    private void SweepEvents()
    {
        var now = store.Time.GetUtcNow();
        if (now < _nextEventSweep)
        {
            return;
        }

        _nextEventSweep = now + TimeSpan.FromMinutes(1);
        foreach (var item in store.List(ResourceTypes.Events, null).Items)
        {
            var last = DateTimeOffset.TryParse(JsonValues.AsString(item["lastTimestamp"]), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : ObjectRefs.Created(item);
            if (now - last > s_eventTtl)
            {
                TryDelete(ResourceTypes.Events, item);
            }
        }
    }

    private void TryDelete(ResourceType type, JsonNode item)
    {
        try
        {
            store.Delete(type, type.Namespaced ? ObjectRefs.Namespace(item) : null, ObjectRefs.Name(item));
        }
        catch (ApiError error) when (error.Code == 404)
        {
            // already gone
        }
    }
}
