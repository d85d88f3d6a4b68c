using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Kubernetes;

namespace Portal.Web.Tests.Endpoints;

/// <summary>
/// Every environment endpoint against the portal in sandbox mode: the real job worker drives the sandbox pulumi CLI,
/// whose programs apply to the in-process sandbox Kubernetes API server. One environment goes from create to destroy,
/// and an application service runs on its cluster in between.
/// </summary>
public sealed class EnvironmentApiLifecycleTests
{
    private static readonly TimeSpan s_jobTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task CreateGetPatchDriftCheckDestroy_EksEnvironmentWithAnAppServiceOnItsCluster()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Sandbox:Speed"] = "50" });
        using var client = factory.CreateClient();

        // Create: 202 with the job and where to find the environment.
        var created = await client.PostJsonAsync("/api/environments",
            """{"name":"dev-1","template":"eks-environment","class":"development","parameters":{"nodeCount":3}}""");
        var provisionJob = await created.AcceptedJobIdAsync();
        Assert.Equal($"/api/jobs/{provisionJob}", created.Headers.Location?.OriginalString);
        var duplicate = await client.PostJsonAsync("/api/environments", """{"name":"dev-1","template":"eks-environment","class":"development"}""");
        Assert.Contains("already exists", await duplicate.AssertFieldErrorAsync("name"), StringComparison.Ordinal);

        var provision = await client.WaitForJobAsync(provisionJob, s_jobTimeout);
        Assert.Equal("succeeded", provision.GetProperty("state").GetString());

        // The job resource: state, events with progress data, result with masked outputs.
        var job = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{provisionJob}?take=1000");
        Assert.Equal("dev-1", job.GetProperty("environment").GetString());
        var events = job.GetProperty("events").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "progress"
            && e.GetProperty("data").GetProperty("kind").GetString() == "resource"
            && e.GetProperty("data").GetProperty("type").GetString() == "eks:Cluster");
        Assert.Equal("[secret]", job.GetProperty("result").GetProperty("outputs").GetProperty("kubeconfig").GetString());
        Assert.DoesNotContain(events, e => e.GetProperty("message").GetString()!.Contains("certificate-authority-data", StringComparison.Ordinal));

        // The environment: status, parameters, masked outputs, live workloads and load balancer hostnames.
        var environment = await client.GetFromJsonAsync<JsonElement>("/api/environments/dev-1");
        Assert.Equal("ready", environment.GetProperty("status").GetString());
        Assert.Equal(3, environment.GetProperty("parameters").GetProperty("nodeCount").GetInt32());
        Assert.Equal("[secret]", environment.GetProperty("outputs").GetProperty("kubeconfig").GetString());
        var hostname = environment.GetProperty("outputs").GetProperty("loadBalancerHostname").GetString()!;
        Assert.EndsWith(".elb.us-east-1.amazonaws.com", hostname, StringComparison.Ordinal);
        var cluster = environment.GetProperty("cluster");
        Assert.True(cluster.GetProperty("reachable").GetBoolean(), cluster.ToString());
        var web = cluster.GetProperty("workloads").EnumerateArray().Single(w => w.GetProperty("name").GetString() == "web");
        Assert.Equal(2, web.GetProperty("readyReplicas").GetInt32());
        Assert.Contains(cluster.GetProperty("services").EnumerateArray(), s => s.GetProperty("loadBalancerHostnames")[0].GetString() == hostname);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/environments?class=development&search=dev");
        Assert.Equal("dev-1", list.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal("succeeded", list.GetProperty("items")[0].GetProperty("lastOperation").GetProperty("state").GetString());

        // An application service on dev-1's cluster; while it exists dev-1 cannot be destroyed.
        var service = await client.PostJsonAsync("/api/environments",
            """{"name":"api-1","template":"app-service","class":"development","parameters":{"cluster":"dev-1","image":"nginx:1.27","databasePassword":"correct-horse-1"}}""");
        Assert.Equal("succeeded", (await client.WaitForJobAsync(await service.AcceptedJobIdAsync(), s_jobTimeout)).GetProperty("state").GetString());
        var app = await client.GetFromJsonAsync<JsonElement>("/api/environments/api-1");
        Assert.Equal("[secret]", app.GetProperty("parameters").GetProperty("databasePassword").GetString());
        Assert.Equal(["api"], app.GetProperty("cluster").GetProperty("workloads").EnumerateArray().Select(w => w.GetProperty("name").GetString()));
        var blocked = await client.DeleteAsync("/api/environments/dev-1");
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);

        // PATCH: bad values are refused with the field named; good ones update the stack.
        var badPatch = await client.PatchJsonAsync("/api/environments/dev-1", """{"parameters":{"vpcCidr":"10.1.0.0/16"}}""");
        Assert.Contains("cannot be changed", await badPatch.AssertFieldErrorAsync("parameters.vpcCidr"), StringComparison.Ordinal);
        var patch = await client.PatchJsonAsync("/api/environments/dev-1", """{"parameters":{"appReplicas":3}}""");
        var update = await client.WaitForJobAsync(await patch.AcceptedJobIdAsync(), s_jobTimeout);
        Assert.Equal("succeeded", update.GetProperty("state").GetString());
        environment = await client.GetFromJsonAsync<JsonElement>("/api/environments/dev-1");
        Assert.Equal(3, environment.GetProperty("parameters").GetProperty("appReplicas").GetInt32());
        Assert.Equal(3, environment.GetProperty("cluster").GetProperty("workloads").EnumerateArray().Single(w => w.GetProperty("name").GetString() == "web").GetProperty("replicas").GetInt32());

        // Drift check: nothing changed outside the portal.
        var drift = await client.WaitForJobAsync(await (await client.PostAsync("/api/environments/dev-1/drift-check", null)).AcceptedJobIdAsync(), s_jobTimeout);
        Assert.Equal("succeeded", drift.GetProperty("state").GetString());
        Assert.False(drift.GetProperty("result").GetProperty("drifted").GetBoolean(), drift.ToString());

        // Someone scales the web Deployment with kubectl: the next drift check names it and what changed.
        // dev-1's own cluster: the sandbox server's kubeconfig pointed at the virtual cluster its eks:Cluster created.
        var kubeconfig = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(factory.DataDirectory, "sandbox", "kubeconfig.json")))!;
        var clusterName = environment.GetProperty("outputs").GetProperty("clusterName").GetString();
        kubeconfig["clusters"]![0]!["cluster"]!["server"] = $"{kubeconfig["clusters"]![0]!["cluster"]!["server"]!.GetValue<string>()}/clusters/{clusterName}";
        var kubectl = factory.Services.GetRequiredService<IClusterClientFactory>().GetOrCreate("test-kubectl", kubeconfig.ToJsonString());
        await kubectl.ScaleDeploymentAsync("apps", "web", 5, CancellationToken.None);
        drift = await client.WaitForJobAsync(await (await client.PostAsync("/api/environments/dev-1/drift-check", null)).AcceptedJobIdAsync(), s_jobTimeout);
        Assert.True(drift.GetProperty("result").GetProperty("drifted").GetBoolean(), drift.ToString());
        var drifted = drift.GetProperty("result").GetProperty("driftedResources").EnumerateArray().ToList();
        Assert.True(drifted.Count(r => r.GetProperty("urn").GetString()!.EndsWith("::web", StringComparison.Ordinal)) == 1, drift.ToString());
        var webDrift = drifted.Single(r => r.GetProperty("urn").GetString()!.EndsWith("::web", StringComparison.Ordinal));
        Assert.Contains("spec", webDrift.GetProperty("diffKeys").EnumerateArray().Select(k => k.GetString()));

        // Someone deletes the web Deployment with kubectl: the drift check names it as deleted outside Pulumi (the
        // refresh reports it with op "delete"), not only in the counts.
        await kubectl.DeleteAsync(KubernetesResources.Deployments, "apps", "web", null, CancellationToken.None);
        drift = await client.WaitForJobAsync(await (await client.PostAsync("/api/environments/dev-1/drift-check", null)).AcceptedJobIdAsync(), s_jobTimeout);
        var result = drift.GetProperty("result");
        Assert.True(result.GetProperty("drifted").GetBoolean(), drift.ToString());
        Assert.Equal(1, result.GetProperty("changes").GetProperty("delete").GetInt32());
        var gone = Assert.Single(result.GetProperty("driftedResources").EnumerateArray(), r => r.GetProperty("operation").GetString() == "delete");
        Assert.Equal(("kubernetes:apps/v1:Deployment", true), (gone.GetProperty("type").GetString(), gone.GetProperty("urn").GetString()!.EndsWith("::web", StringComparison.Ordinal)));
        var deleted = Assert.Single(result.GetProperty("deletedResources").EnumerateArray());
        Assert.Equal(
            ("web", "kubernetes:apps/v1:Deployment", "deleted outside Pulumi"),
            (deleted.GetProperty("name").GetString(), deleted.GetProperty("type").GetString(), deleted.GetProperty("change").GetString()));
        Assert.Contains(
            (await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{drift.GetProperty("id").GetInt64()}?take=100")).GetProperty("events").EnumerateArray(),
            e => e.GetProperty("message").GetString()!.Contains("deleted outside Pulumi: web (kubernetes:apps/v1:Deployment)", StringComparison.Ordinal));

        // Destroy: the app service, then the environment with its load balancers drained first.
        Assert.Equal("succeeded", (await client.WaitForJobAsync(await (await client.DeleteAsync("/api/environments/api-1")).AcceptedJobIdAsync(), s_jobTimeout)).GetProperty("state").GetString());
        var destroyJob = await (await client.DeleteAsync("/api/environments/dev-1")).AcceptedJobIdAsync();
        Assert.Equal("succeeded", (await client.WaitForJobAsync(destroyJob, s_jobTimeout)).GetProperty("state").GetString());
        var destroyEvents = (await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{destroyJob}?take=1000")).GetProperty("events").EnumerateArray().ToList();
        var drained = destroyEvents.FindIndex(e => e.GetProperty("message").GetString()!.Contains("load balancers drained", StringComparison.Ordinal));
        var destroying = destroyEvents.FindIndex(e => e.GetProperty("message").GetString()!.StartsWith("Running pulumi destroy", StringComparison.Ordinal));
        Assert.True(drained >= 0 && drained < destroying, "the load balancers are drained before pulumi destroy");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/environments/dev-1")).StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/environments")).GetProperty("totalCount").GetInt32());

        // Every action is in the audit log, and the chain verifies.
        var audit = await client.GetFromJsonAsync<JsonElement>("/api/audit?environment=dev-1&take=200");
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "environment.create", "environment.update", "environment.drift-check", "environment.destroy", "job.succeeded" }, actions);
        Assert.DoesNotContain("correct-horse-1", await (await client.GetAsync("/api/audit/export?format=json")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var verification = await (await client.PostAsync("/api/audit/verify", null)).ReadJsonAsync();
        Assert.True(verification.GetProperty("isValid").GetBoolean(), verification.ToString());
    }
}
