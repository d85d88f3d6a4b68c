using System.Text.Json;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Api;

/// <summary>
/// The server's one terminal middleware: authenticates (one CA and token for every cluster), then hands the request to
/// the cluster it names: a virtual cluster under <c>/clusters/{name}/</c>, the virtual cluster admin resource, or the
/// default cluster at <c>/</c>. Errors become Status objects.
/// </summary>
internal sealed partial class ApiRouter(ApiRequestHandler defaultCluster, VirtualClusters virtualClusters, SandboxKubernetesOptions options, string token, SandboxCertificates certificates)
{
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            if (!IsAuthorized(context))
            {
                throw ApiError.Unauthorized();
            }

            var segments = (context.Request.Path.Value ?? "").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            switch (segments)
            {
                case [VirtualClusters.PathSegment, var name, .. var rest]:
                    var cluster = virtualClusters.Find(name) ?? throw new ApiError(
                        404, "NotFound", $"the sandbox has no virtual cluster \"{name}\" (an eks:Cluster creates one; POST /apis/{AdminGroup}/{AdminVersion}/{AdminPlural} does too)");
                    await cluster.Handler.HandleAsync(context, rest);
                    break;
                case ["apis", AdminGroup, AdminVersion, AdminPlural, .. var rest]:
                    await HandleVirtualClustersAsync(context, rest);
                    break;
                default:
                    await defaultCluster.HandleAsync(context, segments);
                    break;
            }
        }
        catch (ApiError error) when (!context.Response.HasStarted)
        {
            await ApiRequestHandler.WriteAsync(context, error.Code, error.ToStatus());
        }
        catch (JsonException ex) when (!context.Response.HasStarted)
        {
            await ApiRequestHandler.WriteAsync(context, 400, ApiError.BadRequest($"the request body is not valid JSON: {ex.Message}").ToStatus());
        }
    }

    private bool IsAuthorized(HttpContext context)
    {
        var request = context.Request;
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            if (context.Connection.ClientCertificate is { } certificate)
            {
                return certificates.IsIssuedByAuthority(certificate);
            }

            return !request.IsHttps && options.AllowAnonymousHttp;
        }

        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        var presented = header["Bearer ".Length..].Trim();
        return presented == token || options.AcceptToken?.Invoke(presented) == true;
    }
}
