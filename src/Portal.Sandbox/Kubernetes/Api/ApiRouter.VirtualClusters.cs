using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Api;

internal sealed partial class ApiRouter
{
    public const string AdminGroup = "sandbox.portal.io";
    public const string AdminVersion = "v1";
    public const string AdminPlural = "virtualclusters";
    private const string AdminKind = "VirtualCluster";

    /// <summary>
    /// The virtual clusters as a cluster-scoped resource of the default cluster (<c>sandbox.portal.io/v1 VirtualCluster</c>):
    /// list, get, create (POST, 409 AlreadyExists when present) and delete. Shaped like a custom resource so any Kubernetes
    /// client can manage them, with the same token, from another process (the sandbox pulumi CLI's eks:Cluster does).
    /// </summary>
    private async Task HandleVirtualClustersAsync(HttpContext context, string[] rest)
    {
        switch (context.Request.Method, rest)
        {
            case ("GET", []):
                var items = new JsonArray([.. virtualClusters.List().Select(c => (JsonNode)ToObject(c.Name))]);
                await ApiRequestHandler.WriteAsync(context, 200, new JsonObject
                {
                    ["kind"] = AdminKind + "List",
                    ["apiVersion"] = $"{AdminGroup}/{AdminVersion}",
                    ["metadata"] = new JsonObject(),
                    ["items"] = items,
                });
                break;
            case ("POST", []):
                var body = await ApiRequestHandler.ReadBodyAsync(context);
                var name = body["metadata"]?["name"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
                if (name is null || !VirtualClusters.IsValidName(name))
                {
                    throw new ApiError(422, "Invalid", $"{AdminKind}.{AdminGroup} \"{name}\" is invalid: metadata.name: {VirtualClusters.NameRule}", Details(name ?? ""));
                }

                var (_, created) = await virtualClusters.GetOrCreateAsync(name, context.RequestAborted);
                if (!created)
                {
                    throw new ApiError(409, "AlreadyExists", $"{AdminPlural}.{AdminGroup} \"{name}\" already exists", Details(name));
                }

                await ApiRequestHandler.WriteAsync(context, 201, ToObject(name));
                break;
            case ("GET", [var existing]):
                _ = virtualClusters.Find(existing) ?? throw NotFound(existing);
                await ApiRequestHandler.WriteAsync(context, 200, ToObject(existing));
                break;
            case ("DELETE", [var deleted]):
                _ = await virtualClusters.DeleteAsync(deleted, context.RequestAborted) ?? throw NotFound(deleted);
                await ApiRequestHandler.WriteAsync(context, 200, ToObject(deleted));
                break;
            default:
                throw new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
    }

    private static JsonObject ToObject(string name) => new()
    {
        ["apiVersion"] = $"{AdminGroup}/{AdminVersion}",
        ["kind"] = AdminKind,
        ["metadata"] = new JsonObject { ["name"] = name },
        ["status"] = new JsonObject { ["path"] = $"/{VirtualClusters.PathSegment}/{name}" },
    };

    private static ApiError NotFound(string name) => new(404, "NotFound", $"{AdminPlural}.{AdminGroup} \"{name}\" not found", Details(name));

    private static JsonObject Details(string name) => new() { ["name"] = name, ["group"] = AdminGroup, ["kind"] = AdminPlural };
}
