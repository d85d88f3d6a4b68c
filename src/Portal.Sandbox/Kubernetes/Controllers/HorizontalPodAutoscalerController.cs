using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Controllers;

/// <summary>
/// The horizontal pod autoscaler (pkg/controller/podautoscaler) without a metrics pipeline: the load never changes, so the
/// only recommendation is the target's replica count clamped to [minReplicas, maxReplicas]. A target outside that range is
/// scaled into it (event <c>SuccessfulRescale</c> with the real reasons), and <c>status.currentReplicas</c>,
/// <c>desiredReplicas</c>, <c>lastScaleTime</c> and the AbleToScale / ScalingActive / ScalingLimited conditions are kept
/// as the real controller writes them. <c>currentMetrics</c> stays empty, so <c>kubectl get hpa</c> shows
/// <c>cpu: &lt;unknown&gt;/70%</c> as on a cluster without metrics-server.
/// </summary>
internal sealed class HorizontalPodAutoscalerController(ObjectStore store, EventRecorder events, SimulationClock clock)
{
    private const string Component = "horizontal-pod-autoscaler";

    public void Reconcile()
    {
        foreach (var autoscaler in store.List(ResourceTypes.HorizontalPodAutoscalers, null).Items)
        {
            if (!ObjectRefs.IsDeleting(autoscaler))
            {
                Sync(autoscaler);
            }
        }
    }

    private void Sync(JsonObject autoscaler)
    {
        var spec = autoscaler["spec"]!;
        var reference = spec["scaleTargetRef"];
        var targetKind = JsonValues.AsString(reference?["kind"]);
        var targetName = JsonValues.AsString(reference?["name"]);
        var targetType = ScalableType(JsonValues.AsString(reference?["apiVersion"]), targetKind);
        var ns = ObjectRefs.Namespace(autoscaler);
        var target = targetType is null ? null : store.Get(targetType, ns, targetName);
        if (target is null || ObjectRefs.IsDeleting(target))
        {
            var message = targetType is null
                ? $"the HPA controller was unable to get the target's current scale: no matches for kind \"{targetKind}\" in group \"{Group(reference)}\""
                : $"the HPA controller was unable to get the target's current scale: {targetType.QualifiedName.Replace(".", "/scale.", StringComparison.Ordinal)} \"{targetName}\" not found";
            WriteStatus(autoscaler, JsonValues.AsInt(autoscaler["status"]?["currentReplicas"]), JsonValues.AsInt(autoscaler["status"]?["desiredReplicas"]), null,
                [Condition("AbleToScale", "False", "FailedGetScale", message)], warning: ("FailedGetScale", message));
            return;
        }

        var current = JsonValues.AsInt(target["spec"]?["replicas"]);
        var min = JsonValues.AsInt(spec["minReplicas"]);
        var max = JsonValues.AsInt(spec["maxReplicas"]);
        var (desired, reason, limited) = current switch
        {
            0 when min != 0 => (0, null, Condition("ScalingActive", "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero")),
            _ when current > max => (max, "Current number of replicas above Spec.MaxReplicas",
                Condition("ScalingLimited", "True", "TooManyReplicas", "the desired replica count is more than the maximum replica count")),
            _ when current < min => (min, "Current number of replicas below Spec.MinReplicas",
                Condition("ScalingLimited", "True", "TooFewReplicas", "the desired replica count is less than the minimum replica count")),
            _ => (current, (string?)null, Condition("ScalingLimited", "False", "DesiredWithinRange", "the desired count is within the acceptable range")),
        };

        string? lastScaleTime = null;
        if (desired != current)
        {
            store.Update(targetType!, ns, targetName, t =>
            {
                t["spec"]!["replicas"] = desired;
                return t;
            });
            lastScaleTime = ObjectStore.Timestamp(clock.Now);
            events.Normal(ResourceTypes.HorizontalPodAutoscalers, autoscaler, "SuccessfulRescale", $"New size: {desired}; reason: {reason}", Component);
        }

        List<JsonObject> conditions =
        [
            Condition("AbleToScale", "True", desired != current ? "SucceededRescale" : "ReadyForNewScale",
                desired != current ? $"the HPA controller was able to update the target scale to {desired}" : "recommended size matches current size"),
        ];
        if (limited["type"]!.GetValue<string>() == "ScalingActive")
        {
            conditions.Add(limited);
        }
        else
        {
            // Without metrics there is nothing to compute from; the sandbox's load is steady, so the count stands.
            conditions.Add(Condition("ScalingActive", "True", "ValidMetricFound", "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)"));
            conditions.Add(limited);
        }

        WriteStatus(autoscaler, current, desired, lastScaleTime, conditions, warning: null);
    }

    private void WriteStatus(JsonObject autoscaler, int current, int desired, string? lastScaleTime, List<JsonObject> conditions, (string Reason, string Message)? warning)
    {
        var old = autoscaler["status"];
        var status = new JsonObject
        {
            ["lastScaleTime"] = lastScaleTime ?? old?["lastScaleTime"]?.DeepClone(),
            ["currentReplicas"] = current,
            ["desiredReplicas"] = desired,
            ["conditions"] = new JsonArray([.. conditions.Select(c => (JsonNode)KeepTransitionTime(c, old?["conditions"] as JsonArray))]),
        };
        ReplicaSetController.RemoveNulls(status);
        if (JsonNode.DeepEquals(status, old))
        {
            return;
        }

        if (warning is { } w)
        {
            events.Warning(ResourceTypes.HorizontalPodAutoscalers, autoscaler, w.Reason, w.Message, Component);
        }

        try
        {
            store.Update(ResourceTypes.HorizontalPodAutoscalers, ObjectRefs.Namespace(autoscaler), ObjectRefs.Name(autoscaler), a =>
            {
                a["status"] = status.DeepClone();
                return a;
            });
        }
        catch (ApiError error) when (error.Code == 404)
        {
            // deleted meanwhile
        }
    }

    /// <summary>A condition whose status did not change keeps its lastTransitionTime, as the real controller does.</summary>
    private static JsonObject KeepTransitionTime(JsonObject condition, JsonArray? previous)
    {
        var before = previous?.FirstOrDefault(p => JsonValues.AsString(p?["type"]) == JsonValues.AsString(condition["type"]));
        if (before is not null && JsonValues.AsString(before["status"]) == JsonValues.AsString(condition["status"]))
        {
            condition["lastTransitionTime"] = before["lastTransitionTime"]?.DeepClone();
        }

        return condition;
    }

    private JsonObject Condition(string type, string status, string reason, string message) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastTransitionTime"] = ObjectStore.Timestamp(clock.Now),
        ["reason"] = reason,
        ["message"] = message,
    };

    /// <summary>The kinds with a scale subresource the sandbox serves.</summary>
    private static ResourceType? ScalableType(string apiVersion, string kind) => (apiVersion, kind) switch
    {
        ("apps/v1", "Deployment") => ResourceTypes.Deployments,
        ("apps/v1", "ReplicaSet") => ResourceTypes.ReplicaSets,
        _ => null,
    };

    private static string Group(JsonNode? reference)
    {
        var apiVersion = JsonValues.AsString(reference?["apiVersion"]);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }
}
