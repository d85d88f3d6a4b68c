using System.Net;
using Microsoft.AspNetCore.Http;

namespace Portal.Web.Tests.Access;

/// <summary><c>X-Forwarded-For</c>/<c>-Proto</c> count only from the proxies of <c>Auth:ForwardedHeadersProxies</c>.</summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task FromAListedProxy_TheClientAddressAndSchemeAreTaken_FromAnyOtherPeerNot()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Auth:ForwardedHeadersProxies:0"] = "10.9.0.0/16" });
        factory.CreateClient().Dispose();

        var listed = await SendAsync(factory, "10.9.1.1");
        Assert.Equal((IPAddress.Parse("203.0.113.7"), "https"), (listed.Connection.RemoteIpAddress, listed.Request.Scheme));

        var other = await SendAsync(factory, "10.8.1.1");
        Assert.Equal((IPAddress.Parse("10.8.1.1"), "http"), (other.Connection.RemoteIpAddress, other.Request.Scheme));
    }

    [Fact]
    public async Task ByDefault_TheHeadersAreIgnored()
    {
        await using var factory = new PortalWebFactory();
        factory.CreateClient().Dispose();
        var response = await SendAsync(factory, "10.9.1.1");
        Assert.Equal((IPAddress.Parse("10.9.1.1"), "http"), (response.Connection.RemoteIpAddress, response.Request.Scheme));
    }

    [Fact]
    public async Task TheTrustedHeaderProxyCheck_UsesTheConnectionsPeer_NotTheForwardedClient()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "TrustedHeader",
            ["Auth:TrustedHeader:TrustedProxies:0"] = "10.9.1.1",
            ["Auth:TrustedHeader:GroupRoles:developers"] = "Operator",
            ["Auth:ForwardedHeadersProxies:0"] = "10.9.1.1",
        });
        factory.CreateClient().Dispose();

        var response = await SendAsync(factory, "10.9.1.1", "/jobs", "alice", "developers");

        Assert.Equal(StatusCodes.Status200OK, response.Response.StatusCode);
        Assert.Equal(IPAddress.Parse("203.0.113.7"), response.Connection.RemoteIpAddress);
    }

    private static Task<HttpContext> SendAsync(PortalWebFactory factory, string peer, string path = "/health/live", string? user = null, string? groups = null) =>
        factory.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = path;
            context.Request.Scheme = "http";
            context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            context.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
            context.Request.Headers["X-Forwarded-Proto"] = "https";
            if (user is not null)
            {
                context.Request.Headers["X-Forwarded-User"] = user;
                context.Request.Headers["X-Forwarded-Groups"] = groups;
            }
        });
}
