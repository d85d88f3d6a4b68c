using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Access;

namespace Portal.Web.Tests.Access;

/// <summary>Trusted-header mode: the proxy's user and groups are taken only from the configured proxy addresses.</summary>
public sealed class TrustedHeaderTests
{
    private static readonly Dictionary<string, string?> s_settings = new()
    {
        ["Auth:Mode"] = "TrustedHeader",
        ["Auth:TrustedHeader:TrustedProxies:0"] = "10.0.0.0/24",
        ["Auth:TrustedHeader:TrustedProxies:1"] = "192.168.7.7",
        ["Auth:TrustedHeader:GroupRoles:platform-admins"] = "Admin",
        ["Auth:TrustedHeader:GroupRoles:developers"] = "Operator, Viewer",
    };

    [Fact]
    public async Task FromATrustedProxy_TheUserAndTheRolesOfTheirGroupsAreTaken()
    {
        await using var factory = new PortalWebFactory(s_settings);
        factory.CreateClient().Dispose();

        var response = await SendAsync(factory, "10.0.0.5", "alice", "developers, unrelated");
        Assert.Equal(StatusCodes.Status200OK, response.Response.StatusCode);
        var accounts = factory.Services.GetRequiredService<IAccountService>();
        var alice = await accounts.FindAsync("alice");
        Assert.Equal((PortalRoles.Operator | PortalRoles.Viewer, "trusted-header"), (alice!.Roles, alice.Source));

        // The groups decide the roles on every request.
        await SendAsync(factory, "192.168.7.7", "alice", "platform-admins");
        Assert.Equal(PortalRoles.Admin, (await accounts.FindAsync("alice"))!.Roles);
    }

    [Fact]
    public async Task FromAnotherPeer_TheHeadersAreRefusedLoggedAndAudited()
    {
        await using var factory = new PortalWebFactory(s_settings);
        factory.CreateClient().Dispose();

        var response = await SendAsync(factory, "10.0.1.5", "mallory", "platform-admins");

        Assert.Equal(StatusCodes.Status403Forbidden, response.Response.StatusCode);
        Assert.Null(await factory.Services.GetRequiredService<IAccountService>().FindAsync("mallory"));
        var entry = Assert.Single(await factory.AuditAsync("auth.trusted-header"));
        Assert.Equal(("mallory", "denied", "10.0.1.5"), (entry.Actor, entry.Outcome, entry.RemoteAddress));
    }

    [Fact]
    public async Task FromATrustedProxyWithoutAUser_Is401()
    {
        await using var factory = new PortalWebFactory(s_settings);
        factory.CreateClient().Dispose();
        var response = await SendAsync(factory, "10.0.0.5", user: null, groups: null);
        Assert.Equal(StatusCodes.Status401Unauthorized, response.Response.StatusCode);
    }

    private static Task<HttpContext> SendAsync(PortalWebFactory factory, string peer, string? user, string? groups) =>
        factory.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = "/jobs";
            context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            if (user is not null)
            {
                context.Request.Headers["X-Forwarded-User"] = user;
            }

            if (groups is not null)
            {
                context.Request.Headers["X-Forwarded-Groups"] = groups;
            }
        });
}
