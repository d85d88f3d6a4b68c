using System.Text;
using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Selectors;

namespace Portal.Sandbox.Kubernetes.Store;

/// <summary>Defaulting and the validation kubectl users hit, applied to creates and updates (as apiserver admission does).</summary>
internal sealed class Admission
{
    private int _nextServiceIp = 10;
    private int _nextNodePort = 30080;

    public void OnCreate(ResourceType type, JsonObject item)
    {
        var metadata = (JsonObject)item["metadata"]!;
        var name = metadata["name"]?.GetValue<string>() ?? "";
        item["kind"] = type.Kind;
        item["apiVersion"] = type.ApiVersion;
        if (type == ResourceTypes.Namespaces)
        {
            item["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
            item["status"] = new JsonObject { ["phase"] = "Active" };
            EnsureLabel(metadata, "kubernetes.io/metadata.name", name);
        }
        else if (type == ResourceTypes.Pods)
        {
            DefaultPodSpec(Object(item, "spec"));
            item["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };
        }
        else if (type == ResourceTypes.Deployments)
        {
            item["status"] = new JsonObject();
        }
        else if (type == ResourceTypes.ReplicaSets)
        {
            item["status"] = new JsonObject { ["replicas"] = 0 };
        }
        else if (type == ResourceTypes.Services)
        {
            var spec = Object(item, "spec");
            if (spec["clusterIP"] is null)
            {
                var ip = Interlocked.Increment(ref _nextServiceIp);
                spec["clusterIP"] = $"10.96.{ip / 250}.{(ip % 250) + 1}";
            }

            spec["clusterIPs"] = new JsonArray(spec["clusterIP"]!.GetValue<string>());
            item["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
        }
        else if (type == ResourceTypes.Ingresses)
        {
            item["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
        }
        else if (type == ResourceTypes.HorizontalPodAutoscalers)
        {
            item["status"] = new JsonObject { ["currentReplicas"] = 0, ["desiredReplicas"] = 0 };
        }

        OnWrite(type, item);
    }

    public void OnWrite(ResourceType type, JsonObject item)
    {
        var name = item["metadata"]?["name"]?.GetValue<string>() ?? "";
        if (type == ResourceTypes.Deployments || type == ResourceTypes.ReplicaSets)
        {
            var spec = Object(item, "spec");
            spec["replicas"] ??= 1;
            if (type == ResourceTypes.Deployments)
            {
                spec["revisionHistoryLimit"] ??= 10;
                spec["progressDeadlineSeconds"] ??= 600;
                var strategy = Object(spec, "strategy");
                strategy["type"] ??= "RollingUpdate";
                if (strategy["type"]!.GetValue<string>() == "RollingUpdate")
                {
                    var rolling = Object(strategy, "rollingUpdate");
                    rolling["maxSurge"] ??= "25%";
                    rolling["maxUnavailable"] ??= "25%";
                }
            }

            var template = Object(spec, "template");
            DefaultPodSpec(Object(template, "spec"));
            var selector = LabelSelector.FromObject(spec["selector"]);
            if (spec["selector"] is null || selector.IsEmpty)
            {
                throw ApiError.Invalid(type, name, "spec.selector: Required value");
            }

            if (!selector.Matches(LabelSelector.Labels(template["metadata"]?["labels"])))
            {
                throw ApiError.Invalid(type, name, "spec.template.metadata.labels: Invalid value: " + template["metadata"]?["labels"]?.ToJsonString() + ": `selector` does not match template `labels`");
            }
        }
        else if (type == ResourceTypes.Services)
        {
            var spec = Object(item, "spec");
            spec["type"] ??= "ClusterIP";
            spec["sessionAffinity"] ??= "None";
            var needsNodePort = spec["type"]!.GetValue<string>() is "LoadBalancer" or "NodePort";
            foreach (var port in spec["ports"] as JsonArray ?? [])
            {
                if (port is JsonObject p)
                {
                    p["protocol"] ??= "TCP";
                    p["targetPort"] ??= p["port"]?.DeepClone();
                    if (needsNodePort)
                    {
                        p["nodePort"] ??= Interlocked.Increment(ref _nextNodePort);
                    }
                }
            }
        }
        else if (type == ResourceTypes.HorizontalPodAutoscalers)
        {
            DefaultAndValidateAutoscaler(name, Object(item, "spec"));
        }
        else if (type == ResourceTypes.Secrets)
        {
            item["type"] ??= "Opaque";
            if (item["stringData"] is JsonObject stringData)
            {
                var data = Object(item, "data");
                foreach (var (key, value) in stringData)
                {
                    data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
                }

                item.Remove("stringData");
            }
        }
    }

    /// <summary>autoscaling/v2 defaulting (minReplicas 1, a CPU target of 80% when no metric is given) and the validation errors
    /// kubectl users meet most.</summary>
    private static void DefaultAndValidateAutoscaler(string name, JsonObject spec)
    {
        spec["minReplicas"] ??= 1;
        if (spec["metrics"] is not JsonArray { Count: > 0 })
        {
            spec["metrics"] = new JsonArray(new JsonObject
            {
                ["type"] = "Resource",
                ["resource"] = new JsonObject
                {
                    ["name"] = "cpu",
                    ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = 80 },
                },
            });
        }

        var type = ResourceTypes.HorizontalPodAutoscalers;
        var target = spec["scaleTargetRef"];
        if (JsonValues.AsString(target?["kind"]).Length == 0)
        {
            throw ApiError.Invalid(type, name, "spec.scaleTargetRef.kind: Required value");
        }

        if (JsonValues.AsString(target?["name"]).Length == 0)
        {
            throw ApiError.Invalid(type, name, "spec.scaleTargetRef.name: Required value");
        }

        var min = JsonValues.AsInt(spec["minReplicas"]);
        var max = JsonValues.AsInt(spec["maxReplicas"]);
        if (min < 1)
        {
            throw ApiError.Invalid(type, name, $"spec.minReplicas: Invalid value: {min}: must be greater than or equal to 1");
        }

        if (max < 1)
        {
            throw ApiError.Invalid(type, name, $"spec.maxReplicas: Invalid value: {max}: must be greater than 0");
        }

        if (max < min)
        {
            throw ApiError.Invalid(type, name, $"spec.maxReplicas: Invalid value: {max}: must be greater than or equal to `minReplicas`");
        }
    }

    private static void DefaultPodSpec(JsonObject spec)
    {
        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["schedulerName"] ??= "default-scheduler";
        spec["securityContext"] ??= new JsonObject();
        foreach (var container in spec["containers"] as JsonArray ?? [])
        {
            if (container is JsonObject c)
            {
                var tag = ImageReference.Parse(c["image"]?.GetValue<string>() ?? "").Tag;
                c["imagePullPolicy"] ??= tag == "latest" ? "Always" : "IfNotPresent";
                c["terminationMessagePath"] ??= "/dev/termination-log";
                c["terminationMessagePolicy"] ??= "File";
                c["resources"] ??= new JsonObject();
            }
        }
    }

    private static void EnsureLabel(JsonObject metadata, string key, string value) => Object(metadata, "labels")[key] = value;

    public static JsonObject Object(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[key] = created;
        return created;
    }
}
