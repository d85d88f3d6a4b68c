using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Queries;

namespace Portal.Web.Tests.Endpoints;

/// <summary>
/// Bad input to the release, rollback and restart endpoints gets 400 naming the field (404/409 for what does not exist),
/// and nothing is queued, recorded or audited. One environment is created for all cases; its provision may still run.
/// </summary>
public sealed class ReleaseApiBadInputTests : IAsyncLifetime
{
    private readonly PortalWebFactory _factory = new(new Dictionary<string, string?> { ["Sandbox:Speed"] = "50" });
    private HttpClient _client = null!;
    private long _provisionJob;

    public static TheoryData<string, string, string> BadReleases => new()
    {
        { """{"workload":"web","image":"nginx"}""", "image", "Add a tag" },
        { """{"workload":"web","image":"Nginx:1.28"}""", "image", "lowercase" },
        { """{"workload":"web","image":"nginx:-1"}""", "image", "Tag '-1' is invalid" },
        { """{"workload":"web","image":"nginx@sha256:abc"}""", "image", "Digest" },
        { """{"workload":"web","image":"nginx 1.28"}""", "image", "spaces" },
        { """{"workload":"web","image":"bad_host.example.com:99999/web:1"}""", "image", "Registry" },
        { """{"workload":"web","image":""}""", "image", "required" },
        { """{"workload":"web"}""", "image", "required" },
        { """{"workload":"web","image":42}""", "image", "must be a string" },
        { """{"workload":"api","image":"nginx:1.28"}""", "workload", "Unknown workload 'api'; 'dev-1' has: web" },
        { """{"image":"nginx:1.28"}""", "workload", "required" },
        { """{"workload":"web","image":"nginx:1.28","tag":"x"}""", "tag", "Unknown field" },
    };

    public async Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        var created = await _client.PostJsonAsync("/api/environments", """{"name":"dev-1","template":"eks-environment","class":"development"}""");
        _provisionJob = await created.AcceptedJobIdAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(BadReleases))]
    public async Task Release_BadInput_Returns400NamingTheFieldAndQueuesNothing(string body, string field, string messagePart)
    {
        var jobsBefore = await CountJobsAsync();

        var release = await _client.PostJsonAsync("/api/environments/dev-1/releases", body);
        Assert.Contains(messagePart, await release.AssertFieldErrorAsync(field), StringComparison.Ordinal);
        var preview = await _client.PostJsonAsync("/api/environments/dev-1/releases/preview", body);
        Assert.Contains(messagePart, await preview.AssertFieldErrorAsync(field), StringComparison.Ordinal);

        await AssertNothingQueuedAsync(jobsBefore);
    }

    [Fact]
    public async Task Release_BadWorkloadAndImage_ReportsBoth()
    {
        var response = await _client.PostJsonAsync("/api/environments/dev-1/releases", """{"workload":"nope","image":"UPPER"}""");

        await response.AssertFieldErrorAsync("workload");
        await response.AssertFieldErrorAsync("image");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    public async Task Release_NotAJsonObject_Returns400(string body)
    {
        var jobsBefore = await CountJobsAsync();

        var response = await _client.PostJsonAsync("/api/environments/dev-1/releases", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingQueuedAsync(jobsBefore);
    }

    [Theory]
    [InlineData("/api/environments/ghost/releases", """{"workload":"web","image":"nginx:1.28"}""")]
    [InlineData("/api/environments/ghost/workloads/web/restart", "")]
    [InlineData("/api/environments/ghost/workloads/web/rollback", "")]
    public async Task UnknownEnvironment_Returns404(string path, string body)
    {
        var response = await _client.PostJsonAsync(path, body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RestartAndRollback_UnknownWorkload_Return400NamingIt()
    {
        var jobsBefore = await CountJobsAsync();

        await (await _client.PostJsonAsync("/api/environments/dev-1/workloads/api/restart", "")).AssertFieldErrorAsync("workload");
        await (await _client.PostJsonAsync("/api/environments/dev-1/workloads/api/rollback", "")).AssertFieldErrorAsync("workload");
        await (await _client.PostJsonAsync("/api/environments/dev-1/workloads/web/rollback", """{"releaseId":"one"}""")).AssertFieldErrorAsync("releaseId");

        await AssertNothingQueuedAsync(jobsBefore);
    }

    [Fact]
    public async Task Rollback_NothingReleasedYet_Returns409()
    {
        Assert.Equal("succeeded", (await _client.WaitForJobAsync(_provisionJob, TimeSpan.FromMinutes(2))).GetProperty("state").GetString());

        var undo = await _client.PostJsonAsync("/api/environments/dev-1/workloads/web/rollback", "");
        var toUnknown = await _client.PostJsonAsync("/api/environments/dev-1/workloads/web/rollback", """{"releaseId":999}""");

        Assert.Equal(HttpStatusCode.Conflict, undo.StatusCode);
        Assert.Contains("no earlier image", (await undo.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, toUnknown.StatusCode);
    }

    [Theory]
    [InlineData("/api/environments/dev-1/releases?take=0")]
    [InlineData("/api/environments/dev-1/releases?skip=-1")]
    [InlineData("/api/environments/dev-1/releases/compare?from=1")]
    public async Task ReleaseQueries_BadParameters_Return400(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<int> CountJobsAsync() =>
        (await _factory.Services.GetRequiredService<IJobQueryService>().ListAsync(new JobFilter { EnvironmentName = "dev-1" }, 0, 100)).TotalCount;

    private async Task AssertNothingQueuedAsync(int jobsBefore)
    {
        Assert.Equal(jobsBefore, await CountJobsAsync());
        var releases = await _client.GetFromJsonAsync<JsonElement>("/api/environments/dev-1/releases");
        Assert.Equal(0, releases.GetProperty("totalCount").GetInt32());
        foreach (var action in new[] { "release.create", "release.rollback", "release.restart", "environment.preview" })
        {
            var audit = await _client.GetFromJsonAsync<JsonElement>($"/api/audit?action={action}");
            Assert.Equal(0, audit.GetProperty("totalCount").GetInt32());
        }
    }
}
