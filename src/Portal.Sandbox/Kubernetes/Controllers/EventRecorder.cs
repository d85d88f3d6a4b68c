using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Controllers;

/// <summary>
/// Writes core/v1 Events as the components do (reason, message, source), aggregating repeats into count and lastTimestamp.
/// Only the controller loop calls it, so its map needs no lock.
/// </summary>
internal sealed class EventRecorder(ObjectStore store)
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public void Normal(ResourceType type, JsonNode involved, string reason, string message, string component) =>
        Record(type, involved, "Normal", reason, message, component);

    public void Warning(ResourceType type, JsonNode involved, string reason, string message, string component) =>
        Record(type, involved, "Warning", reason, message, component);

    private void Record(ResourceType type, JsonNode involved, string eventType, string reason, string message, string component)
    {
        var ns = ObjectRefs.Namespace(involved);
        if (ns.Length == 0)
        {
            ns = "default";
        }

        var now = ObjectStore.Timestamp(store.Time.GetUtcNow());
        var key = $"{ObjectRefs.Uid(involved)}|{reason}|{message}";
        if (_names.TryGetValue(key, out var existing) && store.Get(ResourceTypes.Events, ns, existing) is not null)
        {
            store.Update(ResourceTypes.Events, ns, existing, e =>
            {
                e["count"] = JsonValues.AsInt(e["count"]) + 1;
                e["lastTimestamp"] = now;
                return e;
            });
            return;
        }

        var name = $"{ObjectRefs.Name(involved)}.{Guid.NewGuid():N}"[..^16];
        _names[key] = name;
        try
        {
            store.Create(ResourceTypes.Events, new JsonObject
            {
                ["kind"] = "Event",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
                ["involvedObject"] = new JsonObject
                {
                    ["kind"] = type.Kind,
                    ["namespace"] = ns,
                    ["name"] = ObjectRefs.Name(involved),
                    ["uid"] = ObjectRefs.Uid(involved),
                    ["apiVersion"] = type.ApiVersion,
                    ["resourceVersion"] = involved["metadata"]?["resourceVersion"]?.DeepClone(),
                },
                ["reason"] = reason,
                ["message"] = message,
                ["type"] = eventType,
                ["count"] = 1,
                ["firstTimestamp"] = now,
                ["lastTimestamp"] = now,
                ["source"] = new JsonObject { ["component"] = component },
                ["reportingComponent"] = component,
                ["reportingInstance"] = "",
            });
        }
        catch (ApiError)
        {
            // The namespace is being deleted, or a name collided: an event is best effort, as in a real cluster.
        }
    }
}
