using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Controllers;

/// <summary>Keeps each ReplicaSet's pod count at spec.replicas and reports replicas, ready and available in its status.</summary>
internal sealed class ReplicaSetController(ObjectStore store, Admission admission, EventRecorder events)
{
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Pod creations per pass, so a 5,000-replica set does not stall the loop in one pass.</summary>
    private const int BurstLimit = 500;

    public void Reconcile()
    {
        var podsByOwner = store.List(ResourceTypes.Pods, null).Items
            .Where(p => !ObjectRefs.IsDeleting(p))
            .ToLookup(p => ObjectRefs.ControllerUid(p) ?? "");
        foreach (var replicaSet in store.List(ResourceTypes.ReplicaSets, null).Items)
        {
            if (ObjectRefs.IsDeleting(replicaSet))
            {
                continue;
            }

            var pods = podsByOwner[ObjectRefs.Uid(replicaSet)].ToList();
            var desired = JsonValues.AsInt(replicaSet["spec"]?["replicas"]);
            var created = 0;
            for (var i = pods.Count; i < desired && created < BurstLimit; i++, created++)
            {
                var pod = CreatePod(replicaSet);
                pods.Add(pod);
                events.Normal(ResourceTypes.ReplicaSets, replicaSet, "SuccessfulCreate", $"Created pod: {ObjectRefs.Name(pod)}", "replicaset-controller");
            }

            if (pods.Count > desired)
            {
                // Like the real controller: unscheduled first, then not ready, then the youngest.
                var victims = pods
                    .OrderBy(p => p["spec"]?["nodeName"] is null ? 0 : 1)
                    .ThenBy(p => ObjectRefs.IsReady(p) ? 1 : 0)
                    .ThenByDescending(ObjectRefs.Created)
                    .Take(pods.Count - desired)
                    .ToList();
                foreach (var victim in victims)
                {
                    DeletePod(victim);
                    pods.Remove(victim);
                    events.Normal(ResourceTypes.ReplicaSets, replicaSet, "SuccessfulDelete", $"Deleted pod: {ObjectRefs.Name(victim)}", "replicaset-controller");
                }
            }

            var ready = pods.Count(ObjectRefs.IsReady);
            var status = new JsonObject
            {
                ["replicas"] = pods.Count,
                ["fullyLabeledReplicas"] = pods.Count == 0 ? null : pods.Count,
                ["readyReplicas"] = ready == 0 ? null : ready,
                ["availableReplicas"] = ready == 0 ? null : ready,
                ["observedGeneration"] = JsonValues.AsLong(replicaSet["metadata"]?["generation"]),
            };
            RemoveNulls(status);
            if (!JsonNode.DeepEquals(status, replicaSet["status"]))
            {
                store.Update(ResourceTypes.ReplicaSets, ObjectRefs.Namespace(replicaSet), ObjectRefs.Name(replicaSet), rs =>
                {
                    rs["status"] = status.DeepClone();
                    return rs;
                });
            }
        }
    }

    private JsonObject CreatePod(JsonObject replicaSet)
    {
        var template = replicaSet["spec"]?["template"] ?? new JsonObject();
        var name = $"{ObjectRefs.Name(replicaSet)}-{string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = NameAlphabet[Random.Shared.Next(NameAlphabet.Length)];
            }
        })}";
        var metadata = (template["metadata"]?.DeepClone() as JsonObject) ?? [];
        metadata["name"] = name;
        metadata["generateName"] = ObjectRefs.Name(replicaSet) + "-";
        metadata["namespace"] = ObjectRefs.Namespace(replicaSet);
        metadata["ownerReferences"] = new JsonArray(ObjectRefs.OwnerReference(ResourceTypes.ReplicaSets, replicaSet));
        metadata.Remove("creationTimestamp");
        var pod = new JsonObject
        {
            ["kind"] = "Pod",
            ["apiVersion"] = "v1",
            ["metadata"] = metadata,
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
        };
        admission.OnCreate(ResourceTypes.Pods, pod);
        return store.Create(ResourceTypes.Pods, pod);
    }

    private void DeletePod(JsonObject pod)
    {
        try
        {
            store.Delete(ResourceTypes.Pods, ObjectRefs.Namespace(pod), ObjectRefs.Name(pod));
        }
        catch (ApiError error) when (error.Code == 404)
        {
            // already gone
        }
    }

    internal static void RemoveNulls(JsonObject item)
    {
        foreach (var key in item.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList())
        {
            item.Remove(key);
        }
    }
}
