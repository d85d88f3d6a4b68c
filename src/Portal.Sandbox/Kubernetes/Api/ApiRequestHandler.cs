using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Api;

/// <summary>
/// The REST surface of one cluster (the default one at / or a virtual one under /clusters/{name}/): discovery, then the
/// resource verbs. <see cref="ApiRouter"/> authenticates, picks the cluster and turns errors into Status objects.
/// Everything answers JSON (kubectl asks for protobuf first on some calls and accepts JSON).
/// </summary>
internal sealed partial class ApiRequestHandler(SandboxCluster cluster)
{
    private const string JsonContentType = "application/json";
    private const string TableContentType = "application/json;as=Table;v=v1;g=meta.k8s.io";

    private ObjectStore Store => cluster.Store;

    /// <summary>Serves one request; <paramref name="segments"/> is the path below the cluster's prefix. Failures throw <see cref="ApiError"/>.</summary>
    public async Task HandleAsync(HttpContext context, string[] segments)
    {
        if (await TryDiscoveryAsync(context, segments))
        {
            return;
        }

        var route = ApiRoute.Parse(segments) ?? throw new ApiError(404, "NotFound", "the server could not find the requested resource");
        if (await TrySubresourceAsync(context, route))
        {
            return;
        }

        if (route.Subresource is not null and not "status")
        {
            throw new ApiError(404, "NotFound", $"the server could not find the requested resource ({route.Subresource})");
        }

        var method = context.Request.Method;
        switch (method)
        {
            case "GET" when route.Name is null && IsTrue(context.Request.Query["watch"]):
                await WatchAsync(context, route);
                break;
            case "GET" when route.Name is null:
                await ListAsync(context, route);
                break;
            case "GET":
                await GetAsync(context, route);
                break;
            case "POST" when route.Name is null:
                await CreateAsync(context, route);
                break;
            case "PUT" when route.Name is not null:
                await ReplaceAsync(context, route);
                break;
            case "PATCH" when route.Name is not null:
                await PatchAsync(context, route);
                break;
            case "DELETE" when route.Name is not null:
                await DeleteAsync(context, route);
                break;
            default:
                throw new ApiError(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource");
        }
    }

    private static async Task<bool> TryDiscoveryAsync(HttpContext context, string[] segments)
    {
        JsonNode? document = segments switch
        {
            ["version"] => Discovery.Version(),
            ["api"] => Discovery.CoreVersions($"{context.Connection.LocalIpAddress}:{context.Connection.LocalPort}"),
            ["apis"] => Discovery.Groups(),
            ["api", var version] => Discovery.Resources("", version),
            ["apis", var group, var version] => Discovery.Resources(group, version),
            ["apis", _] or ["openapi", ..] => throw new ApiError(404, "NotFound", "the server could not find the requested resource"),
            _ => null,
        };
        if (document is null && segments is ["healthz" or "livez" or "readyz"])
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok", context.RequestAborted);
            return true;
        }

        if (document is null)
        {
            if (segments is ["api", _] or ["apis", _, _])
            {
                throw new ApiError(404, "NotFound", "the server could not find the requested resource");
            }

            return false;
        }

        await WriteAsync(context, 200, document);
        return true;
    }

    private static bool IsTrue(string? value) => value is "true" or "1";

    private static bool WantsTable(HttpRequest request) => request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    internal static async Task WriteAsync(HttpContext context, int status, JsonNode document, string contentType = JsonContentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        document.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>
    /// JSON only. kubectl's typed clients send protobuf (or CBOR) first; a 415 makes client-go fall back to JSON.
    /// </summary>
    internal static async Task<JsonNode> ReadBodyAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType ?? "application/json";
        if (!contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiError(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml");
        }

        return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted)
            ?? throw ApiError.BadRequest("the request body is empty");
    }
}
