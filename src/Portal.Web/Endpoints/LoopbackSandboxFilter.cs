using System.Net;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Web.Endpoints;

/// <summary>
/// Until API tokens exist (issue 6/6) the API answers only in sandbox mode and only to callers on this machine,
/// so a portal exposed on a network never serves an unauthenticated API.
/// </summary>
public sealed class LoopbackSandboxFilter(IOptions<PortalOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        var isLocal = remote is null || IPAddress.IsLoopback(remote);
        if (options.Value.Mode != PortalMode.Sandbox || !isLocal)
        {
            return Results.Problem(
                title: "The API is not available",
                detail: "Until API tokens are configured, the API answers only in sandbox mode and only on the loopback address.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }
}
