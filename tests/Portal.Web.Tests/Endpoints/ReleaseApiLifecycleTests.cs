using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Queries;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Kubernetes;

namespace Portal.Web.Tests.Endpoints;

/// <summary>
/// Releases through the REST API against the portal in sandbox mode, one test per strategy: the real worker runs the
/// release jobs, which patch the Deployment through our Kubernetes client or set the config key and run the sandbox
/// pulumi CLI, then follow the rollout on the sandbox API server to its verdict (a crashing tag fails at the progress
/// deadline: 120 s, divided by the sandbox speed).
/// </summary>
public sealed class ReleaseApiLifecycleTests
{
    private static readonly TimeSpan s_jobTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task PatchStrategy_ReleaseCrashRollbackRestart_OnTheEksStarterWorkload()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Sandbox:Speed"] = "50" });
        using var client = factory.CreateClient();
        await CreateAndWaitAsync(client, """{"name":"dev-1","template":"eks-environment","class":"development"}""");

        var workload = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/environments/dev-1/workloads")).EnumerateArray());
        Assert.Equal(("web", "apps", "web", "patch", "nginx:1.27"), (workload.GetProperty("name").GetString(), workload.GetProperty("namespace").GetString(),
            workload.GetProperty("deployment").GetString(), workload.GetProperty("strategy").GetString(), workload.GetProperty("image").GetString()));
        Assert.Equal(JsonValueKind.Null, workload.GetProperty("lastRelease").ValueKind);

        // Preview of a direct patch: the old and new image, nothing queued.
        var preview = await client.PostJsonAsync("/api/environments/dev-1/releases/preview", """{"workload":"web","image":"nginx:1.28"}""");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var images = await preview.ReadJsonAsync();
        Assert.Equal(("patch", "nginx:1.27", "nginx:1.28"), (images.GetProperty("strategy").GetString(), images.GetProperty("currentImage").GetString(), images.GetProperty("newImage").GetString()));

        // A good release: the rollout is followed to kubectl's verdict.
        var (first, firstJob) = await ReleaseAsync(client, "/api/environments/dev-1/releases", """{"workload":"web","image":"nginx:1.28"}""", "succeeded");
        Assert.Equal(("release", "patch", "succeeded", "nginx:1.27", "nginx:1.28"), Describe(first));
        Assert.Equal("deployment \"web\" successfully rolled out", first.GetProperty("verdictMessage").GetString());
        Assert.Contains(firstJob.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "progress"
            && e.GetProperty("data").GetProperty("kind").GetString() == "rollout" && e.GetProperty("data").GetProperty("state").GetString() == "Complete");
        Assert.Equal("nginx:1.28", await LiveImageAsync(client, "web"));

        // A settings change runs pulumi up: the program ignores the image, so the released one stays.
        var update = await client.PatchJsonAsync("/api/environments/dev-1", """{"parameters":{"appReplicas":3}}""");
        Assert.Equal("succeeded", (await client.WaitForJobAsync(await update.AcceptedJobIdAsync(), s_jobTimeout)).GetProperty("state").GetString());
        Assert.Equal("nginx:1.28", await LiveImageAsync(client, "web"));

        // A crashing tag: the verdict turns to failed at the progress deadline, with the reason and the last log lines.
        var (crash, crashJob) = await ReleaseAsync(client, "/api/environments/dev-1/releases", """{"workload":"web","image":"nginx:1.28-crash"}""", "failed");
        Assert.Equal(("release", "patch", "failed", "nginx:1.28", "nginx:1.28-crash"), Describe(crash));
        Assert.Contains("exceeded its progress deadline", crash.GetProperty("verdictMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains("CrashLoopBackOff", crash.GetProperty("verdictMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains("exceeded its progress deadline", crashJob.GetProperty("error").GetString(), StringComparison.Ordinal);
        var crashLog = string.Join('\n', crashJob.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()));
        Assert.Contains("simulated crash", crashLog, StringComparison.Ordinal);
        Assert.Equal("ready", (await client.GetFromJsonAsync<JsonElement>("/api/environments/dev-1")).GetProperty("status").GetString());

        // Rollback, one call: a new release back to the image before the failed one.
        var (rollback, _) = await ReleaseAsync(client, "/api/environments/dev-1/workloads/web/rollback", "", "succeeded");
        Assert.Equal(("rollback", "patch", "succeeded", "nginx:1.28-crash", "nginx:1.28"), Describe(rollback));
        Assert.Equal(crash.GetProperty("id").GetInt64(), rollback.GetProperty("rollbackOfReleaseId").GetInt64());
        Assert.Equal("nginx:1.28", await LiveImageAsync(client, "web"));

        // Rollback to a chosen release: the image it ran (the first release's).
        var (toFirst, _) = await ReleaseAsync(client, "/api/environments/dev-1/workloads/web/rollback", $$"""{"releaseId":{{first.GetProperty("id").GetInt64()}}}""", "succeeded");
        Assert.Equal(("rollback", "patch", "succeeded", "nginx:1.28", "nginx:1.28"), Describe(toFirst));

        // Restart: the restartedAt annotation, tracked the same way.
        var (restart, _) = await ReleaseAsync(client, "/api/environments/dev-1/workloads/web/restart", "", "succeeded");
        Assert.Equal(("restart", "patch", "succeeded", "nginx:1.28", "nginx:1.28"), Describe(restart));
        var deployment = await ReadDeploymentAsync(factory, "dev-1", "apps", "web");
        Assert.True(deployment.Spec!.Template!.Metadata!.Annotations!.ContainsKey("kubectl.kubernetes.io/restartedAt"));

        // History, newest first; the workload's latest release; a diff between two releases.
        var history = await client.GetFromJsonAsync<JsonElement>("/api/environments/dev-1/releases?workload=web");
        Assert.Equal(5, history.GetProperty("totalCount").GetInt32());
        Assert.Equal(["restart", "rollback", "rollback", "release", "release"], history.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("kind").GetString()));
        var latest = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/environments/dev-1/workloads")).EnumerateArray()).GetProperty("lastRelease");
        Assert.Equal(restart.GetProperty("id").GetInt64(), latest.GetProperty("id").GetInt64());
        var diff = await client.GetFromJsonAsync<JsonElement>($"/api/environments/dev-1/releases/compare?from={crash.GetProperty("id")}&to={first.GetProperty("id")}");
        var lines = diff.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("key").GetString()!);
        Assert.Equal(first.GetProperty("id").GetInt64(), diff.GetProperty("from").GetProperty("id").GetInt64());
        Assert.Equal(("nginx:1.28", "nginx:1.28-crash", true), (lines["image"].GetProperty("before").GetString(), lines["image"].GetProperty("after").GetString(), lines["image"].GetProperty("changed").GetBoolean()));
        Assert.Equal(("2", "3"), (lines["appReplicas"].GetProperty("before").GetString(), lines["appReplicas"].GetProperty("after").GetString()));

        foreach (var (action, count) in new[] { ("release.create", 2), ("release.rollback", 2), ("release.restart", 1) })
        {
            var audit = await client.GetFromJsonAsync<JsonElement>($"/api/audit?action={action}");
            Assert.Equal(count, audit.GetProperty("totalCount").GetInt32());
        }
    }

    [Fact]
    public async Task PatchStrategy_ImageFromAnUnknownRegistry_FailsWithImagePullBackOffAndNoLogToShow()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Sandbox:Speed"] = "50" });
        using var client = factory.CreateClient();
        await CreateAndWaitAsync(client, """{"name":"dev-1","template":"eks-environment","class":"development"}""");

        var (release, job) = await ReleaseAsync(client, "/api/environments/dev-1/releases", """{"workload":"web","image":"registry.nowhere.example/web:2.0"}""", "failed");

        Assert.Equal(("release", "patch", "failed", "nginx:1.27", "registry.nowhere.example/web:2.0"), Describe(release));
        Assert.Contains("exceeded its progress deadline", release.GetProperty("verdictMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains("ImagePullBackOff", release.GetProperty("verdictMessage").GetString(), StringComparison.Ordinal);
        var log = string.Join('\n', job.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()));
        Assert.Contains("waiting to start", log, StringComparison.Ordinal);
        Assert.Equal("nginx:1.27", (await client.GetFromJsonAsync<JsonElement>("/api/environments/dev-1/workloads"))[0].GetProperty("lastRelease").GetProperty("imageBefore").GetString());
    }

    [Fact]
    public async Task PulumiConfigStrategy_PreviewReleaseCrashRollback_OnAnAppService()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Sandbox:Speed"] = "50" });
        using var client = factory.CreateClient();
        await CreateAndWaitAsync(client, """{"name":"dev-1","template":"eks-environment","class":"development"}""");
        await CreateAndWaitAsync(client, """
            {"name":"svc-1","template":"app-service","class":"development",
             "parameters":{"cluster":"dev-1","namespace":"shop","appName":"cart","image":"nginx:1.27","databasePassword":"correct-horse-battery"}}
            """);

        var workload = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/environments/svc-1/workloads")).EnumerateArray());
        Assert.Equal(("app", "shop", "cart", "pulumi-config", "nginx:1.27"), (workload.GetProperty("name").GetString(), workload.GetProperty("namespace").GetString(),
            workload.GetProperty("deployment").GetString(), workload.GetProperty("strategy").GetString(), workload.GetProperty("image").GetString()));

        // Preview: a queued pulumi preview with the image parameter changed; the diff updates the Deployment.
        var preview = await client.PostJsonAsync("/api/environments/svc-1/releases/preview", """{"workload":"app","image":"nginx:1.28"}""");
        var previewJob = await client.WaitForJobAsync(await preview.AcceptedJobIdAsync(), s_jobTimeout);
        Assert.Equal("succeeded", previewJob.GetProperty("state").GetString());
        var result = previewJob.GetProperty("result");
        var change = Assert.Single(result.GetProperty("parameterChanges").EnumerateArray());
        Assert.Equal(("image", "nginx:1.27", "nginx:1.28"), (change.GetProperty("name").GetString(), change.GetProperty("before").GetString(), change.GetProperty("after").GetString()));
        Assert.Contains(result.GetProperty("steps").EnumerateArray(), s => s.GetProperty("operation").GetString() == "update"
            && s.GetProperty("urn").GetString()!.Contains("kubernetes:apps/v1:Deployment", StringComparison.Ordinal));
        Assert.Equal("nginx:1.27", await LiveImageAsync(client, "cart", "svc-1"));

        // Release: config set + pulumi up (its resource progress streamed), then the rollout to its verdict.
        var (release, releaseJob) = await ReleaseAsync(client, "/api/environments/svc-1/releases", """{"workload":"app","image":"nginx:1.28"}""", "succeeded");
        Assert.Equal(("release", "pulumi-config", "succeeded", "nginx:1.27", "nginx:1.28"), Describe(release));
        var events = releaseJob.GetProperty("events").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "progress" && e.GetProperty("data").GetProperty("kind").GetString() == "resource");
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "progress" && e.GetProperty("data").GetProperty("kind").GetString() == "rollout");
        var service = await client.GetFromJsonAsync<JsonElement>("/api/environments/svc-1");
        Assert.Equal("nginx:1.28", service.GetProperty("parameters").GetProperty("image").GetString());
        Assert.Equal("nginx:1.28", await LiveImageAsync(client, "cart", "svc-1"));

        // A crashing tag: pulumi up gives up at the Deployment's progress deadline; the reason is in the message.
        var (crash, crashJob) = await ReleaseAsync(client, "/api/environments/svc-1/releases", """{"workload":"app","image":"nginx:1.29-crash"}""", "failed");
        Assert.Equal(("release", "pulumi-config", "failed", "nginx:1.28", "nginx:1.29-crash"), Describe(crash));
        Assert.Contains("progress deadline", crash.GetProperty("verdictMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains("CrashLoopBackOff", crashJob.GetProperty("error").GetString(), StringComparison.Ordinal);

        // Rollback: pulumi up with the image before; the environment is Ready again.
        var (rollback, _) = await ReleaseAsync(client, "/api/environments/svc-1/workloads/app/rollback", "", "succeeded");
        Assert.Equal(("rollback", "pulumi-config", "succeeded", "nginx:1.29-crash", "nginx:1.28"), Describe(rollback));
        service = await client.GetFromJsonAsync<JsonElement>("/api/environments/svc-1");
        Assert.Equal(("ready", "nginx:1.28"), (service.GetProperty("status").GetString(), service.GetProperty("parameters").GetProperty("image").GetString()));

        // The config snapshot names the secret, never its value.
        var diff = await client.GetFromJsonAsync<JsonElement>($"/api/environments/svc-1/releases/compare?from={release.GetProperty("id")}&to={rollback.GetProperty("id")}");
        var secret = diff.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("key").GetString() == "databasePassword");
        Assert.Equal(("[secret]", false), (secret.GetProperty("after").GetString(), secret.GetProperty("changed").GetBoolean()));
        Assert.DoesNotContain("correct-horse-battery", diff.ToString(), StringComparison.Ordinal);
    }

    private static async Task CreateAndWaitAsync(HttpClient client, string body)
    {
        var created = await client.PostJsonAsync("/api/environments", body);
        var job = await client.WaitForJobAsync(await created.AcceptedJobIdAsync(), s_jobTimeout);
        Assert.True(job.GetProperty("state").GetString() == "succeeded", job.ToString());
    }

    /// <summary>Posts, waits for the job, and returns the release record and the job with all its events.</summary>
    private static async Task<(JsonElement Release, JsonElement Job)> ReleaseAsync(HttpClient client, string path, string body, string expectedState)
    {
        var response = await client.PostJsonAsync(path, body);
        var accepted = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {accepted}");
        var jobId = accepted.GetProperty("jobId").GetInt64();
        await client.WaitForJobAsync(jobId, s_jobTimeout);
        var job = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}?take=1000");
        Assert.True(job.GetProperty("state").GetString() == expectedState, job.ToString());
        var environment = job.GetProperty("environment").GetString();
        var release = await client.GetFromJsonAsync<JsonElement>($"/api/environments/{environment}/releases/{accepted.GetProperty("releaseId").GetInt64()}");
        Assert.Equal(jobId, release.GetProperty("jobId").GetInt64());
        return (release, job);
    }

    private static (string?, string?, string?, string?, string?) Describe(JsonElement release) => (
        release.GetProperty("kind").GetString(), release.GetProperty("strategy").GetString(), release.GetProperty("status").GetString(),
        release.GetProperty("imageBefore").GetString(), release.GetProperty("imageAfter").GetString());

    private static async Task<string?> LiveImageAsync(HttpClient client, string deployment, string environment = "dev-1")
    {
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/environments/{environment}");
        return detail.GetProperty("cluster").GetProperty("workloads").EnumerateArray()
            .Single(w => w.GetProperty("name").GetString() == deployment).GetProperty("images")[0].GetString();
    }

    private static async Task<Portal.Provisioning.Kubernetes.Models.Deployment> ReadDeploymentAsync(PortalWebFactory factory, string environment, string ns, string name)
    {
        var record = await factory.Services.GetRequiredService<IEnvironmentQueryService>().FindAsync(environment);
        var cluster = await factory.Services.GetRequiredService<EnvironmentClusterAccess>().ConnectAsync(record!, CancellationToken.None);
        return await cluster!.Client.GetAsync(KubernetesResources.Deployments, ns, name, CancellationToken.None);
    }
}
