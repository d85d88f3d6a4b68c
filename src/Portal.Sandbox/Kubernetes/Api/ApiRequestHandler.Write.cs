using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Patching;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Api;

internal sealed partial class ApiRequestHandler
{
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private async Task CreateAsync(HttpContext context, ApiRoute route)
    {
        var item = await ReadBodyAsync(context) as JsonObject ?? throw ApiError.BadRequest("the request body must be an object");
        var metadata = Admission.Object(item, "metadata");
        var name = metadata["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            var prefix = metadata["generateName"]?.GetValue<string>() ?? throw ApiError.Invalid(route.Type, "", "metadata.name: Required value: name or generateName is required");
            name = prefix + RandomSuffix();
            metadata["name"] = name;
        }

        if (route.Type.Namespaced)
        {
            var ns = route.Namespace ?? metadata["namespace"]?.GetValue<string>() ?? "default";
            if (metadata["namespace"] is { } given && given.GetValue<string>() != ns)
            {
                throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            if (Store.Get(ResourceTypes.Namespaces, null, ns) is not { } owner)
            {
                throw ApiError.NotFound(ResourceTypes.Namespaces, ns);
            }

            if (owner["metadata"]?["deletionTimestamp"] is not null)
            {
                throw new ApiError(403, "Forbidden", $"{route.Type.Plural} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated");
            }

            metadata["namespace"] = ns;
        }

        cluster.Admission.OnCreate(route.Type, item);
        await WriteAsync(context, 201, Store.Create(route.Type, item));
    }

    private async Task ReplaceAsync(HttpContext context, ApiRoute route)
    {
        var body = await ReadBodyAsync(context) as JsonObject ?? throw ApiError.BadRequest("the request body must be an object");
        if (body["metadata"]?["name"]?.GetValue<string>() is { } bodyName && bodyName != route.Name)
        {
            throw ApiError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({route.Name})");
        }

        var expected = body["metadata"]?["resourceVersion"]?.GetValue<string>();
        var updated = Store.Update(route.Type, route.Namespace, route.Name!, current => Merge(route, current, body), expected);
        await WriteAsync(context, 200, updated);
    }

    private async Task PatchAsync(HttpContext context, ApiRoute route)
    {
        var contentType = context.Request.ContentType?.Split(';')[0].Trim();
        var patch = await ReadBodyAsync(context);
        var expected = patch is JsonObject patchObject ? patchObject["metadata"]?["resourceVersion"]?.GetValue<string>() : null;
        var updated = Store.Update(route.Type, route.Namespace, route.Name!, current =>
        {
            JsonObject patched = contentType switch
            {
                "application/strategic-merge-patch+json" => StrategicMergePatch.Apply((JsonObject)current.DeepClone(), patch as JsonObject ?? throw ApiError.BadRequest("a strategic merge patch must be an object")),
                "application/merge-patch+json" => JsonMergePatch.Apply(current.DeepClone(), patch) as JsonObject ?? throw ApiError.BadRequest("a merge patch must produce an object"),
                "application/json-patch+json" => JsonPatch.Apply(current.DeepClone(), patch as JsonArray ?? throw ApiError.BadRequest("a json patch must be an array")) as JsonObject
                    ?? throw ApiError.BadRequest("a json patch must produce an object"),
                _ => throw new ApiError(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json"),
            };
            return Merge(route, current, patched);
        }, expected);
        await WriteAsync(context, 200, updated);
    }

    private async Task DeleteAsync(HttpContext context, ApiRoute route)
    {
        var graceful = context.Request.Query["gracePeriodSeconds"].ToString() != "0";
        var (item, removed) = Store.Delete(route.Type, route.Namespace, route.Name!, graceful: graceful);
        if (!removed)
        {
            await WriteAsync(context, 200, item);
            return;
        }

        await WriteAsync(context, 200, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = new JsonObject
            {
                ["name"] = route.Name,
                ["group"] = route.Type.Group.Length == 0 ? null : route.Type.Group,
                ["kind"] = route.Type.Plural,
                ["uid"] = item["metadata"]?["uid"]?.DeepClone(),
            },
        });
    }

    /// <summary>
    /// The status subresource takes only status from the request; the main resource takes everything but status
    /// (for kinds with a status subresource), as the apiserver's strategies do.
    /// </summary>
    private JsonObject Merge(ApiRoute route, JsonObject current, JsonObject requested)
    {
        if (route.Subresource == "status")
        {
            current["status"] = requested["status"]?.DeepClone();
            return current;
        }

        if (route.Type.HasStatusSubresource)
        {
            requested["status"] = current["status"]?.DeepClone();
        }

        requested["kind"] = route.Type.Kind;
        requested["apiVersion"] = route.Type.ApiVersion;
        cluster.Admission.OnWrite(route.Type, requested);
        return requested;
    }

    private static string RandomSuffix() =>
        string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = NameAlphabet[Random.Shared.Next(NameAlphabet.Length)];
            }
        });
}
