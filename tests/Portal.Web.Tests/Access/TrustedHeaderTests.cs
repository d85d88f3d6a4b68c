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

    [Fact]
    public async Task GroupsThatMapToNoRole_Get403WithAClearMessage_AreAudited_AndTakeAwayTheUsersRolesAndTokens()
    {
        await using var factory = new PortalWebFactory(s_settings);
        factory.CreateClient().Dispose();
        Assert.Equal(StatusCodes.Status200OK, (await SendAsync(factory, "10.0.0.5", "bob", "developers")).Response.StatusCode);
        var token = await factory.Services.GetRequiredService<IApiTokenService>().CreateAsync("bob-ci", null,
            new Portal.Provisioning.Environments.ActorContext("bob", "10.0.0.5") { Roles = PortalRoles.Operator | PortalRoles.Viewer });
        Assert.True(token.Result.Succeeded, token.Result.Message);

        var response = await SendAsync(factory, "10.0.0.5", "bob", "unrelated, marketing");

        Assert.Equal(StatusCodes.Status403Forbidden, response.Response.StatusCode);
        var body = await new StreamReader(response.Response.Body).ReadToEndAsync();
        Assert.Contains("your groups map to no Portal role", body, StringComparison.Ordinal);
        var entry = Assert.Single(await factory.AuditAsync("auth.trusted-header"));
        Assert.Equal(("bob", "denied"), (entry.Actor, entry.Outcome));
        Assert.Equal(PortalRoles.None, (await factory.Services.GetRequiredService<IAccountService>().FindAsync("bob"))!.Roles);
        Assert.Null(await factory.Services.GetRequiredService<IApiTokenService>().AuthenticateAsync(token.Token!));

        // Someone never seen before with no mapped group is refused and not recorded as a user.
        Assert.Equal(StatusCodes.Status403Forbidden, (await SendAsync(factory, "10.0.0.5", "carol", groups: null)).Response.StatusCode);
        Assert.Null(await factory.Services.GetRequiredService<IAccountService>().FindAsync("carol"));
    }

    [Theory]
    [InlineData("bootstrap")]
    [InlineData("System")]
    [InlineData("anonymous")]
    public async Task AReservedUserName_IsRefusedAndNeverRecorded(string name)
    {
        await using var factory = new PortalWebFactory(s_settings);
        factory.CreateClient().Dispose();

        var response = await SendAsync(factory, "10.0.0.5", name, "platform-admins");

        Assert.Equal(StatusCodes.Status403Forbidden, response.Response.StatusCode);
        Assert.Null(await factory.Services.GetRequiredService<IAccountService>().FindAsync(name));
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
