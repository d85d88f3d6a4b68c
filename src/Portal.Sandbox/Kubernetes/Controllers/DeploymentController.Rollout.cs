using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Controllers;

internal sealed partial class DeploymentController
{
    /// <summary>rolling.go: scale the new set up within maxSurge, then the old ones down while keeping desired - maxUnavailable available.</summary>
    private void Roll(JsonObject deployment, JsonObject newRs, List<JsonObject> oldRss, int desired, int maxSurge, int maxUnavailable)
    {
        var newReplicas = Replicas(newRs);
        var total = newReplicas + oldRss.Sum(Replicas);
        if (newReplicas > desired)
        {
            newRs = Scale(deployment, newRs, desired);
        }
        else if (newReplicas < desired && total < desired + maxSurge)
        {
            newRs = Scale(deployment, newRs, newReplicas + Math.Min(desired + maxSurge - total, desired - newReplicas));
        }

        if (oldRss.Sum(Replicas) == 0)
        {
            return;
        }

        var allPods = Replicas(newRs) + oldRss.Sum(Replicas);
        var minAvailable = desired - maxUnavailable;
        var newUnavailable = Replicas(newRs) - Available(newRs);
        var maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return;
        }

        // First drop old replicas that are not available anyway (they only cost surge room), oldest first.
        var cleaned = 0;
        for (var i = 0; i < oldRss.Count && cleaned < maxScaledDown; i++)
        {
            var unhealthy = Replicas(oldRss[i]) - Available(oldRss[i]);
            if (unhealthy <= 0)
            {
                continue;
            }

            var down = Math.Min(unhealthy, maxScaledDown - cleaned);
            oldRss[i] = Scale(deployment, oldRss[i], Replicas(oldRss[i]) - down);
            cleaned += down;
        }

        // Then scale down available old replicas as far as availability allows.
        var available = Available(newRs) + oldRss.Sum(Available);
        var budget = Math.Min(available - minAvailable, maxScaledDown - cleaned);
        for (var i = 0; i < oldRss.Count && budget > 0; i++)
        {
            var down = Math.Min(Replicas(oldRss[i]), budget);
            if (down > 0)
            {
                oldRss[i] = Scale(deployment, oldRss[i], Replicas(oldRss[i]) - down);
                budget -= down;
            }
        }
    }

    private void Recreate(JsonObject deployment, JsonObject newRs, List<JsonObject> oldRss, int desired)
    {
        if (oldRss.Any(rs => Replicas(rs) > 0))
        {
            for (var i = 0; i < oldRss.Count; i++)
            {
                oldRss[i] = Scale(deployment, oldRss[i], 0);
            }

            return;
        }

        if (oldRss.All(rs => JsonValues.AsInt(rs["status"]?["replicas"]) == 0))
        {
            Scale(deployment, newRs, desired);
        }
    }

    /// <summary>Keeps spec.revisionHistoryLimit old, empty ReplicaSets (oldest deleted first).</summary>
    private void CleanUpHistory(JsonObject deployment, List<JsonObject> oldRss)
    {
        var limit = deployment["spec"]?["revisionHistoryLimit"] is { } l ? JsonValues.AsInt(l) : 10;
        var empty = oldRss.Where(rs => Replicas(rs) == 0 && JsonValues.AsInt(rs["status"]?["replicas"]) == 0).ToList();
        foreach (var rs in empty.Take(Math.Max(0, empty.Count - limit)))
        {
            try
            {
                store.Delete(ResourceTypes.ReplicaSets, ObjectRefs.Namespace(rs), ObjectRefs.Name(rs));
            }
            catch (ApiError error) when (error.Code == 404)
            {
                // already gone
            }
        }
    }

    private JsonObject Scale(JsonObject deployment, JsonObject replicaSet, int replicas)
    {
        var from = Replicas(replicaSet);
        if (from == replicas)
        {
            return replicaSet;
        }

        var updated = store.Update(ResourceTypes.ReplicaSets, ObjectRefs.Namespace(replicaSet), ObjectRefs.Name(replicaSet), rs =>
        {
            rs["spec"]!["replicas"] = replicas;
            return rs;
        });
        var direction = replicas > from ? "up" : "down";
        events.Normal(ResourceTypes.Deployments, deployment, "ScalingReplicaSet", $"Scaled {direction} replica set {ObjectRefs.Name(replicaSet)} from {from} to {replicas}", Component);
        return updated;
    }

    private static int Replicas(JsonNode rs) => JsonValues.AsInt(rs["spec"]?["replicas"]);

    private static int Available(JsonNode rs) => JsonValues.AsInt(rs["status"]?["availableReplicas"]);
}
