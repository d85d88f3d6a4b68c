using System.Globalization;
using System.Text.Json.Nodes;

namespace Portal.Sandbox.Kubernetes.Api;

internal static partial class TableConverter
{
    private static JsonNode?[] PodCells(JsonObject pod, string name, string age, DateTimeOffset now)
    {
        var statuses = pod["status"]?["containerStatuses"] as JsonArray ?? [];
        var total = (pod["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        var ready = statuses.Count(s => s?["ready"]?.GetValue<bool>() == true);
        var restarts = statuses.Sum(s => Int(s?["restartCount"]));

        // printers.go: the reason of a waiting or terminated container wins over the phase; a deleting pod is Terminating.
        var reason = Str(pod["status"]?["reason"]);
        if (reason.Length == 0)
        {
            reason = Str(pod["status"]?["phase"]);
        }

        foreach (var status in statuses)
        {
            var waiting = Str(status?["state"]?["waiting"]?["reason"]);
            var terminated = Str(status?["state"]?["terminated"]?["reason"]);
            if (waiting.Length > 0)
            {
                reason = waiting;
            }
            else if (terminated.Length > 0)
            {
                reason = terminated;
            }
        }

        if (pod["metadata"]?["deletionTimestamp"] is not null)
        {
            reason = "Terminating";
        }

        var lastRestart = statuses.Select(s => s?["lastState"]?["terminated"]?["finishedAt"]).LastOrDefault(t => t is not null);
        var restartText = restarts > 0 && lastRestart is not null
            ? $"{restarts} ({Age(lastRestart, now)} ago)"
            : restarts.ToString(CultureInfo.InvariantCulture);
        return [name, $"{ready}/{total}", reason, restartText, age,
            Str(pod["status"]?["podIP"]) is { Length: > 0 } ip ? ip : "<none>",
            Str(pod["spec"]?["nodeName"]) is { Length: > 0 } node ? node : "<none>", "<none>", "<none>"];
    }

    private static JsonNode?[] DeploymentCells(JsonObject deployment, string name, string age)
    {
        var status = deployment["status"];
        var containers = deployment["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? [];
        return [name, $"{Int(status?["readyReplicas"])}/{Int(deployment["spec"]?["replicas"])}", Int(status?["updatedReplicas"]), Int(status?["availableReplicas"]), age,
            string.Join(',', containers.Select(c => Str(c?["name"]))), string.Join(',', containers.Select(c => Str(c?["image"]))), Selector(deployment["spec"]?["selector"])];
    }

    private static JsonNode?[] ReplicaSetCells(JsonObject replicaSet, string name, string age)
    {
        var status = replicaSet["status"];
        var containers = replicaSet["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? [];
        return [name, Int(replicaSet["spec"]?["replicas"]), Int(status?["replicas"]), Int(status?["readyReplicas"]), age,
            string.Join(',', containers.Select(c => Str(c?["name"]))), string.Join(',', containers.Select(c => Str(c?["image"]))), Selector(replicaSet["spec"]?["selector"])];
    }

    private static JsonNode?[] ServiceCells(JsonObject service, string name, string age)
    {
        var type = Str(service["spec"]?["type"]);
        var ingress = service["status"]?["loadBalancer"]?["ingress"] as JsonArray ?? [];
        var external = type == "LoadBalancer"
            ? ingress.Count == 0 ? "<pending>" : string.Join(',', ingress.Select(i => Str(i?["hostname"]) is { Length: > 0 } h ? h : Str(i?["ip"])))
            : "<none>";
        var ports = (service["spec"]?["ports"] as JsonArray ?? []).Select(p =>
            p?["nodePort"] is { } nodePort ? $"{Str(p["port"])}:{Str(nodePort)}/{Str(p["protocol"])}" : $"{Str(p?["port"])}/{Str(p?["protocol"])}");
        var selector = service["spec"]?["selector"] as JsonObject;
        return [name, type, Str(service["spec"]?["clusterIP"]), external, string.Join(',', ports) is { Length: > 0 } text ? text : "<none>", age,
            selector is null ? "<none>" : string.Join(',', selector.Select(kv => $"{kv.Key}={kv.Value}"))];
    }

    private static JsonNode?[] EventCells(JsonObject @event, DateTimeOffset now)
    {
        var involved = @event["involvedObject"];
        var kind = Str(involved?["kind"]).ToLowerInvariant();
        return [Age(@event["lastTimestamp"] ?? @event["metadata"]?["creationTimestamp"], now), Str(@event["type"]), Str(@event["reason"]),
            $"{kind}/{Str(involved?["name"])}", Str(@event["message"])];
    }

    private static JsonNode?[] IngressCells(JsonObject ingress, string name, string age)
    {
        var rules = ingress["spec"]?["rules"] as JsonArray ?? [];
        var hosts = string.Join(',', rules.Select(r => Str(r?["host"])).Where(h => h.Length > 0));
        var address = string.Join(',', (ingress["status"]?["loadBalancer"]?["ingress"] as JsonArray ?? []).Select(i => Str(i?["hostname"]) is { Length: > 0 } h ? h : Str(i?["ip"])));
        return [name, Str(ingress["spec"]?["ingressClassName"]) is { Length: > 0 } c ? c : "<none>", hosts.Length > 0 ? hosts : "*", address, ingress["spec"]?["tls"] is null ? "80" : "80, 443", age];
    }

    private static JsonNode?[] HorizontalPodAutoscalerCells(JsonObject autoscaler, string name, string age)
    {
        var spec = autoscaler["spec"];
        var target = spec?["scaleTargetRef"];
        var minPods = spec?["minReplicas"] is { } min ? Str(min) : "<unset>";
        return [name, $"{Str(target?["kind"])}/{Str(target?["name"])}", HorizontalPodAutoscalerTargets(spec?["metrics"] as JsonArray ?? [], autoscaler["status"]?["currentMetrics"] as JsonArray ?? []),
            minPods, Int(spec?["maxReplicas"]), Int(autoscaler["status"]?["currentReplicas"]), age];
    }

    /// <summary>printers.go formatHPAMetrics for the metric types the sandbox sees: "cpu: &lt;unknown&gt;/70%", at most two, then "+ N more...".</summary>
    private static string HorizontalPodAutoscalerTargets(JsonArray metrics, JsonArray current)
    {
        if (metrics.Count == 0)
        {
            return "<none>";
        }

        const int Shown = 2;
        var list = new List<string>();
        for (var i = 0; i < metrics.Count; i++)
        {
            var metric = metrics[i];
            var type = Str(metric?["type"]);
            var source = type switch { "Resource" => metric?["resource"], "ContainerResource" => metric?["containerResource"], _ => null };
            if (source is null)
            {
                // Pods, Object and External metrics: the sandbox has no metrics pipeline, so the current value is never known.
                var target = metric?[type.Length == 0 ? "" : char.ToLowerInvariant(type[0]) + type[1..]]?["target"];
                list.Add(type switch
                {
                    "Pods" => $"<unknown>/{Str(target?["averageValue"])}",
                    "Object" or "External" when target?["averageValue"] is { } average => $"<unknown>/{Str(average)} (avg)",
                    "Object" or "External" => $"<unknown>/{Str(target?["value"])}",
                    _ => "<unknown type>",
                });
                continue;
            }

            var status = i < current.Count ? current[i]?[type == "Resource" ? "resource" : "containerResource"]?["current"] : null;
            if (source["target"]?["averageValue"] is { } averageValue)
            {
                list.Add($"{Str(source["name"])}: {(status?["averageValue"] is { } value ? Str(value) : "<unknown>")}/{Str(averageValue)}");
            }
            else
            {
                var now = status?["averageUtilization"] is { } utilization ? $"{Str(utilization)}%" : "<unknown>";
                var wanted = source["target"]?["averageUtilization"] is { } targetUtilization ? $"{Str(targetUtilization)}%" : "<auto>";
                list.Add($"{Str(source["name"])}: {now}/{wanted}");
            }
        }

        return list.Count > Shown ? $"{string.Join(", ", list.Take(Shown))} + {list.Count - Shown} more..." : string.Join(", ", list);
    }

    private static string Selector(JsonNode? selector) =>
        selector?["matchLabels"] is JsonObject labels ? string.Join(',', labels.Select(kv => $"{kv.Key}={kv.Value}")) : "<none>";
}
