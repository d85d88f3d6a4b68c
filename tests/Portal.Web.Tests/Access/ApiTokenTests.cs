using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Provisioning.Access;

namespace Portal.Web.Tests.Access;

/// <summary>API tokens: shown once and hashed at rest, last use recorded, refused once revoked, expired or their owner disabled.</summary>
public sealed class ApiTokenTests
{
    [Fact]
    public async Task Token_IsStoredOnlyAsItsHash_AndCarriesItsOwnersCurrentRoles()
    {
        await using var factory = new PortalWebFactory();
        using var client = factory.CreateAnonymousClient();
        var token = await factory.TokenAsync(PortalRoles.Operator);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/environments")).StatusCode);

        // Nowhere in the database files (main file and WAL) is the token's text; its hash is there.
        await using (var context = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var row = await context.ApiTokens.SingleAsync();
            Assert.Equal(ApiTokenService.Hash(token), row.SecretHash);
            Assert.NotNull(row.LastUsedAt);
            Assert.StartsWith(row.Prefix, token, StringComparison.Ordinal);
        }

        foreach (var file in Directory.GetFiles(factory.DataDirectory, "portal.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            Assert.DoesNotContain(token, await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }

        // The owner's roles at the time of the request, not at the token's creation.
        var admin = AccessTestData.Actor(PortalRoles.Admin);
        var accounts = factory.Services.GetRequiredService<IAccountService>();
        Assert.True((await accounts.SetDisabledAsync("operator", true, admin)).Succeeded);
        var refused = await client.GetAsync("/api/environments");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Bearer", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.True((await accounts.SetDisabledAsync("operator", false, admin)).Succeeded);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/environments")).StatusCode);
    }

    [Fact]
    public async Task RevokedOrExpiredToken_Is401_AndOnlyTheOwnerOrAnAdminRevokes()
    {
        await using var factory = new PortalWebFactory();
        using var client = factory.CreateAnonymousClient();
        var tokens = factory.Services.GetRequiredService<IApiTokenService>();
        var created = await tokens.CreateAsync("pipeline", DateTimeOffset.UtcNow.AddDays(1), AccessTestData.Actor(PortalRoles.Operator));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/templates")).StatusCode);

        var byViewer = await tokens.RevokeAsync(created.Summary!.Id, AccessTestData.Actor(PortalRoles.Viewer));
        Assert.Equal(AccountCommandStatus.Forbidden, byViewer.Status);
        Assert.True((await tokens.RevokeAsync(created.Summary.Id, AccessTestData.Actor(PortalRoles.Operator))).Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/templates")).StatusCode);

        var expiring = await tokens.CreateAsync("short", DateTimeOffset.UtcNow.AddDays(1), AccessTestData.Actor(PortalRoles.Viewer));
        await using (var context = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var row = await context.ApiTokens.SingleAsync(t => t.Id == expiring.Summary!.Id);
            row.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await context.SaveChangesAsync();
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", expiring.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/templates")).StatusCode);
        var audit = await factory.AuditAsync("token.revoke");
        Assert.Equal(["denied", "succeeded"], audit.Select(a => a.Outcome));
        Assert.All(await factory.AuditAsync("token.create"), a => Assert.DoesNotContain(created.Token!, a.DetailsJson, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiRequests_AreLimitedPerToken_With429AndRetryAfter()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Auth:ApiPermitsPerMinute"] = "3" });
        using var client = factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await factory.TokenAsync(PortalRoles.Viewer));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/templates")).StatusCode);
        }

        var limited = await client.GetAsync("/api/templates");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task ABadToken_IsRateLimitedToo_BeforeAuthentication()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Auth:ApiPermitsPerMinute"] = "3" });
        using var client = factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "ptk_not-a-real-token-at-all-0123456789");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/templates")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/templates")).StatusCode);

        // No token at all: limited per address.
        client.DefaultRequestHeaders.Authorization = null;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/templates")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/templates")).StatusCode);
    }

    [Fact]
    public async Task SecurityHeaders_AreOnEveryResponse()
    {
        await using var factory = new PortalWebFactory();
        using var client = factory.CreateAnonymousClient();
        foreach (var path in new[] { "/signin", "/health/live", "/api/templates", "/jobs" })
        {
            var response = await client.GetAsync(path);
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }
}
