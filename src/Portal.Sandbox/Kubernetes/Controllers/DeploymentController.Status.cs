using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Controllers;

internal sealed partial class DeploymentController
{
    /// <summary>sync.go calculateStatus + progress.go: counts from the ReplicaSets, then the Available and Progressing conditions.</summary>
    private void UpdateStatus(JsonObject deployment, JsonObject? newRs, List<JsonObject> oldRss, int desired, int maxUnavailable, (string Reason, string Message)? rolloutStarted)
    {
        var ns = ObjectRefs.Namespace(deployment);
        var name = ObjectRefs.Name(deployment);
        var uid = ObjectRefs.Uid(deployment);
        var fresh = (newRs is null ? oldRss : [.. oldRss, newRs])
            .Select(rs => store.Get(ResourceTypes.ReplicaSets, ns, ObjectRefs.Name(rs)))
            .OfType<JsonObject>().ToList();
        var newFresh = newRs is null ? null : fresh.FirstOrDefault(rs => ObjectRefs.Uid(rs) == ObjectRefs.Uid(newRs));
        var replicas = fresh.Sum(rs => JsonValues.AsInt(rs["status"]?["replicas"]));
        var updated = newFresh is null ? 0 : JsonValues.AsInt(newFresh["status"]?["replicas"]);
        var ready = fresh.Sum(rs => JsonValues.AsInt(rs["status"]?["readyReplicas"]));
        var available = fresh.Sum(rs => Available(rs));
        var unavailable = Math.Max(0, fresh.Sum(Replicas) - available);
        var old = deployment["status"] as JsonObject ?? [];
        var now = clock.Now;

        var status = new JsonObject
        {
            ["observedGeneration"] = JsonValues.AsLong(deployment["metadata"]?["generation"]),
            ["replicas"] = replicas == 0 ? null : replicas,
            ["updatedReplicas"] = updated == 0 ? null : updated,
            ["readyReplicas"] = ready == 0 ? null : ready,
            ["availableReplicas"] = available == 0 ? null : available,
            ["unavailableReplicas"] = unavailable == 0 ? null : unavailable,
            ["conditions"] = (old["conditions"] as JsonArray)?.DeepClone() ?? new JsonArray(),
        };
        ReplicaSetController.RemoveNulls(status);
        var conditions = (JsonArray)status["conditions"]!;

        if (available >= desired - maxUnavailable)
        {
            SetCondition(conditions, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now);
        }
        else
        {
            SetCondition(conditions, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now);
        }

        var rsName = newRs is null ? "" : ObjectRefs.Name(newRs);
        var progressing = conditions.OfType<JsonObject>().FirstOrDefault(c => JsonValues.AsString(c["type"]) == "Progressing");
        var currentReason = progressing is null ? null : JsonValues.AsString(progressing["reason"]);
        var complete = newRs is not null && updated == desired && replicas == desired && available == desired;
        var madeProgress = updated > JsonValues.AsInt(old["updatedReplicas"]) || replicas < JsonValues.AsInt(old["replicas"])
            || ready > JsonValues.AsInt(old["readyReplicas"]) || available > JsonValues.AsInt(old["availableReplicas"]);

        if (rolloutStarted is { } started)
        {
            SetCondition(conditions, "Progressing", "True", started.Reason, started.Message, now, touch: true);
            _lastProgress[uid] = now;
        }
        else if (complete)
        {
            SetCondition(conditions, "Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{rsName}\" has successfully progressed.", now, touch: currentReason != "NewReplicaSetAvailable");
            _lastProgress[uid] = now;
        }
        else if (newRs is not null && deployment["spec"]?["paused"]?.GetValue<bool>() != true)
        {
            if (madeProgress || currentReason is null or "NewReplicaSetAvailable")
            {
                SetCondition(conditions, "Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{rsName}\" is progressing.", now, touch: true);
                _lastProgress[uid] = now;
            }

            var deadlineSeconds = deployment["spec"]?["progressDeadlineSeconds"] is { } d ? JsonValues.AsInt(d) : 600;
            var last = _lastProgress.TryGetValue(uid, out var seen) ? seen : now;
            _lastProgress[uid] = last;
            var deadline = last + clock.Scale(deadlineSeconds);
            if (currentReason != "ProgressDeadlineExceeded" && !madeProgress && now >= deadline)
            {
                SetCondition(conditions, "Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{rsName}\" has timed out progressing.", now, touch: true);
            }
            else if (currentReason != "ProgressDeadlineExceeded")
            {
                _deadlines[uid] = deadline;
            }
        }

        if (!JsonNode.DeepEquals(status, deployment["status"]))
        {
            store.Update(ResourceTypes.Deployments, ns, name, d =>
            {
                d["status"] = status.DeepClone();
                return d;
            });
        }
    }

    private static void SetCondition(JsonArray conditions, string type, string value, string reason, string message, DateTimeOffset now, bool touch = false)
    {
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => JsonValues.AsString(c["type"]) == type);
        var timestamp = ObjectStore.Timestamp(now);
        if (existing is not null && JsonValues.AsString(existing["status"]) == value && JsonValues.AsString(existing["reason"]) == reason && !touch)
        {
            return;
        }

        var transition = existing is not null && JsonValues.AsString(existing["status"]) == value ? existing["lastTransitionTime"]?.DeepClone() : timestamp;
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = value,
            ["lastUpdateTime"] = timestamp,
            ["lastTransitionTime"] = transition,
            ["reason"] = reason,
            ["message"] = message,
        };
        if (existing is null)
        {
            conditions.Add(condition);
        }
        else
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }
    }
}
