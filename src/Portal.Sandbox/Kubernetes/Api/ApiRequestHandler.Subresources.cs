using System.Text;
using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Patching;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Api;

internal sealed partial class ApiRequestHandler
{
    /// <summary>The /scale (autoscaling/v1 Scale, what kubectl scale patches) and pods/log subresources.</summary>
    private async Task<bool> TrySubresourceAsync(HttpContext context, ApiRoute route)
    {
        if (route.Subresource == "scale" && (route.Type == ResourceTypes.Deployments || route.Type == ResourceTypes.ReplicaSets))
        {
            await ScaleAsync(context, route);
            return true;
        }

        if (route.Subresource == "log" && route.Type == ResourceTypes.Pods && context.Request.Method == "GET")
        {
            await LogAsync(context, route);
            return true;
        }

        return false;
    }

    private async Task ScaleAsync(HttpContext context, ApiRoute route)
    {
        var current = Store.Get(route.Type, route.Namespace, route.Name!) ?? throw ApiError.NotFound(route.Type, route.Name!);
        switch (context.Request.Method)
        {
            case "GET":
                await WriteAsync(context, 200, ToScale(current));
                return;
            case "PUT" or "PATCH":
                var body = await ReadBodyAsync(context);
                var contentType = context.Request.ContentType?.Split(';')[0].Trim();
                var scale = context.Request.Method == "PUT"
                    ? body as JsonObject ?? throw ApiError.BadRequest("the request body must be a Scale")
                    : contentType switch
                    {
                        "application/json-patch+json" => (JsonObject)JsonPatch.Apply(ToScale(current), body as JsonArray ?? throw ApiError.BadRequest("a json patch must be an array")),
                        "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(ToScale(current), body as JsonObject ?? throw ApiError.BadRequest("a patch must be an object")),
                        _ => (JsonObject)JsonMergePatch.Apply(ToScale(current), body)!,
                    };
                var replicas = JsonValues.AsInt(scale["spec"]?["replicas"]);
                if (replicas < 0)
                {
                    throw ApiError.Invalid(route.Type, route.Name!, "spec.replicas: Invalid value: must be greater than or equal to 0");
                }

                var expected = scale["metadata"]?["resourceVersion"]?.GetValue<string>();
                var updated = Store.Update(route.Type, route.Namespace, route.Name!, item =>
                {
                    item["spec"]!["replicas"] = replicas;
                    return item;
                }, context.Request.Method == "PUT" ? expected : null);
                await WriteAsync(context, 200, ToScale(updated));
                return;
            default:
                throw new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
    }

    private static JsonObject ToScale(JsonObject item)
    {
        var matchLabels = item["spec"]?["selector"]?["matchLabels"] as JsonObject ?? [];
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = item["metadata"]?["name"]?.DeepClone(),
                ["namespace"] = item["metadata"]?["namespace"]?.DeepClone(),
                ["uid"] = item["metadata"]?["uid"]?.DeepClone(),
                ["resourceVersion"] = item["metadata"]?["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = item["metadata"]?["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = JsonValues.AsInt(item["spec"]?["replicas"]) },
            ["status"] = new JsonObject
            {
                ["replicas"] = JsonValues.AsInt(item["status"]?["replicas"]),
                ["selector"] = string.Join(',', matchLabels.Select(kv => $"{kv.Key}={kv.Value}")),
            },
        };
    }

    /// <summary>
    /// Simulated container output: a few start-up lines for a running container, the crash message for a crashing one,
    /// and with follow=true a heartbeat line per (scaled) second until the client leaves.
    /// </summary>
    private async Task LogAsync(HttpContext context, ApiRoute route)
    {
        var pod = Store.Get(ResourceTypes.Pods, route.Namespace, route.Name!) ?? throw ApiError.NotFound(ResourceTypes.Pods, route.Name!);
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var name = context.Request.Query["container"].ToString();
        if (name.Length == 0 && containers.Count > 1)
        {
            throw ApiError.BadRequest($"a container name must be specified for pod {route.Name}, choose one of: [{string.Join(' ', containers.Select(c => JsonValues.AsString(c["name"])))}]");
        }

        var container = name.Length == 0 ? containers.FirstOrDefault() : containers.FirstOrDefault(c => JsonValues.AsString(c["name"]) == name);
        if (container is null)
        {
            throw ApiError.BadRequest($"container {name} is not valid for pod {route.Name}");
        }

        var status = (pod["status"]?["containerStatuses"] as JsonArray ?? []).FirstOrDefault(s => JsonValues.AsString(s?["name"]) == JsonValues.AsString(container["name"]));
        if (status?["state"]?["running"] is null && status?["lastState"]?["terminated"] is null)
        {
            var reason = JsonValues.AsString(status?["state"]?["waiting"]?["reason"]);
            throw ApiError.BadRequest($"container \"{JsonValues.AsString(container["name"])}\" in pod \"{route.Name}\" is waiting to start: {(reason.Length == 0 ? "ContainerCreating" : reason)}");
        }

        var image = JsonValues.AsString(container["image"]);
        var lines = new List<string>
        {
            $"sandbox: starting {image}",
            "sandbox: listening on 0.0.0.0:80",
        };
        if (image.Contains(cluster.Options.FailureRules.CrashTagMarker, StringComparison.OrdinalIgnoreCase))
        {
            lines.Add($"sandbox: fatal: simulated crash (the image tag contains \"{cluster.Options.FailureRules.CrashTagMarker}\"), exiting with code 1");
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(string.Join('\n', lines) + "\n", Encoding.UTF8, context.RequestAborted);
        if (!IsTrue(context.Request.Query["follow"]))
        {
            return;
        }

        await context.Response.Body.FlushAsync(context.RequestAborted);
        var interval = TimeSpan.FromTicks((long)(TimeSpan.FromSeconds(1).Ticks / cluster.Options.Speed));
        try
        {
            while (Store.Get(ResourceTypes.Pods, route.Namespace, route.Name!) is not null)
            {
                await Task.Delay(interval, context.RequestAborted);
                await context.Response.WriteAsync($"sandbox: {DateTimeOffset.UtcNow:O} GET / 200\n", Encoding.UTF8, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // the client stopped following
        }
    }
}
