using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Web.Tests.Endpoints;

/// <summary>Bad input to <c>POST /api/environments</c> gets 400 naming the field, and nothing is created or audited.</summary>
public sealed class EnvironmentApiBadInputTests : IAsyncLifetime
{
    private readonly PortalWebFactory _factory = new();
    private HttpClient _client = null!;

    public static TheoryData<string, string, string> BadCreates => new()
    {
        { """{"name":"Bad_Name","template":"eks-environment","class":"development"}""", "name", "DNS-1123" },
        { """{"name":"x","template":"eks-environment","class":"development"}""", "name", "2 to 40" },
        { """{"name":"a-very-long-environment-name-that-is-too-long","template":"eks-environment","class":"development"}""", "name", "2 to 40" },
        { """{"name":"dev-1","template":"eks-environment","class":"development","extra":1}""", "extra", "Unknown field" },
        { """{"name":42,"template":"eks-environment","class":"development"}""", "name", "must be a string" },
        { """{"template":"eks-environment","class":"development"}""", "name", "required" },
        { """{"name":"dev-1","template":"nope","class":"development"}""", "template", "Unknown template 'nope'" },
        { """{"name":"dev-1","class":"development"}""", "template", "required" },
        { """{"name":"dev-1","template":"eks-environment"}""", "class", "required" },
        { """{"name":"dev-1","template":"eks-environment","class":"prod"}""", "class", "not a class" },
        { """{"name":"dev-1","template":"eks-environment","class":"development","parameters":{"nodeCount":"3"}}""", "parameters.nodeCount", "integer" },
        { """{"name":"dev-1","template":"eks-environment","class":"development","parameters":{"nodeCount":99}}""", "parameters.nodeCount", "20" },
        { """{"name":"dev-1","template":"eks-environment","class":"development","parameters":{"region":"mars-1"}}""", "parameters.region", "us-east-1" },
        { """{"name":"dev-1","template":"eks-environment","class":"development","parameters":{"bogus":1}}""", "parameters.bogus", "" },
        { """{"name":"dev-1","template":"eks-environment","class":"development","parameters":[1]}""", "parameters", "object" },
        { """{"name":"svc-1","template":"app-service","class":"development","parameters":{"cluster":"nowhere","databasePassword":"long-enough-1"}}""", "parameters.image", "required" },
        { """{"name":"svc-1","template":"app-service","class":"development","parameters":{"cluster":"nowhere","image":"nginx:1.27"}}""", "parameters.databasePassword", "required" },
        { """{"name":"svc-1","template":"app-service","class":"development","parameters":{"cluster":"nowhere","image":"nginx:1.27","databasePassword":"long-enough-1"}}""", "parameters.cluster", "nowhere" },
    };

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task Create_BadInput_Returns400NamingTheFieldAndCreatesNothing(string body, string field, string messagePart)
    {
        var response = await _client.PostJsonAsync("/api/environments", body);

        var message = await response.AssertFieldErrorAsync(field);
        Assert.Contains(messagePart, message, StringComparison.Ordinal);
        await AssertNothingCreatedAsync();
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    public async Task Create_NotAJsonObject_Returns400Problem(string body)
    {
        var response = await _client.PostJsonAsync("/api/environments", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNothingCreatedAsync();
    }

    [Fact]
    public async Task Create_SeveralBadFields_ReportsEachOne()
    {
        var response = await _client.PostJsonAsync("/api/environments",
            """{"name":"-bad","template":"eks-environment","class":"development","parameters":{"nodeCount":0,"vpcCidr":"10.0.0.0/8"}}""");

        await response.AssertFieldErrorAsync("name");
        await response.AssertFieldErrorAsync("parameters.nodeCount");
        await response.AssertFieldErrorAsync("parameters.vpcCidr");
    }

    [Theory]
    [InlineData("GET", "/api/environments/ghost")]
    [InlineData("DELETE", "/api/environments/ghost")]
    [InlineData("POST", "/api/environments/ghost/drift-check")]
    [InlineData("GET", "/api/jobs/424242")]
    [InlineData("POST", "/api/jobs/424242/cancel")]
    public async Task UnknownResource_Returns404Problem(string method, string path)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Patch_UnknownEnvironment_Returns404()
    {
        var response = await _client.PatchJsonAsync("/api/environments/ghost", """{"parameters":{"nodeCount":3}}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/environments?class=prod", "class")]
    [InlineData("/api/environments?status=sleeping", "status")]
    [InlineData("/api/environments?take=0", "take")]
    [InlineData("/api/jobs/1?take=0", "take")]
    public async Task List_BadQuery_Returns400NamingTheParameter(string path, string field)
    {
        var response = await _client.GetAsync(path);

        await response.AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task Templates_ListsBothShippedTemplatesWithTheirParameters()
    {
        var templates = await _client.GetFromJsonAsync<JsonElement>("/api/templates");

        var names = templates.GetProperty("templates").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(["app-service", "eks-environment"], names);
        Assert.Empty(templates.GetProperty("problems").EnumerateArray());
        var eks = templates.GetProperty("templates").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "eks-environment");
        Assert.Contains(eks.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "nodeCount" && p.GetProperty("type").GetString() == "integer");
        Assert.False(eks.TryGetProperty("programDirectory", out _), "file paths are not part of the API");
    }

    private async Task AssertNothingCreatedAsync()
    {
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/environments");
        Assert.Equal(0, list.GetProperty("totalCount").GetInt32());
        var audit = await _client.GetFromJsonAsync<JsonElement>("/api/audit?action=environment.create");
        Assert.Equal(0, audit.GetProperty("totalCount").GetInt32());
    }
}
