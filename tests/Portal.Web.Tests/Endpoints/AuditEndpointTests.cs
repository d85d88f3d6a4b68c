using System.Net;
using System.Text.Json;

namespace Portal.Web.Tests.Endpoints;

public sealed class AuditEndpointTests
{
    [Fact]
    public async Task Export_UnknownFormat_Returns400NamingTheField()
    {
        await using var factory = new PortalWebFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/audit/export?format=xml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("format", out _));
    }

    [Theory]
    [InlineData("csv", "text/csv")]
    [InlineData("json", "application/json")]
    public async Task Export_KnownFormat_StreamsAttachment(string format, string contentType)
    {
        await using var factory = new PortalWebFactory();
        using var client = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/download/audit/export?format={format}")).StatusCode);
        await Access.SignInTests.PostSignInAsync(client, "viewer", "viewer-demo-pass");

        var response = await client.GetAsync($"/download/audit/export?format={format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($".{format}", response.Content.Headers.ContentDisposition?.FileName ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_TakeOutOfRange_Returns400()
    {
        await using var factory = new PortalWebFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/audit?take=10000");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Api_LiveMode_AnswersOnlyWithAToken()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Portal:Mode"] = "Live", ["Pulumi:ConfigPassphrase"] = "test-passphrase" });
        using var anonymous = factory.CreateAnonymousClient();
        using var withToken = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withToken.GetAsync("/api/audit")).StatusCode);
    }
}
