using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Access;
using Portal.Provisioning.Environments;
using Portal.Web.Tests.Endpoints;

namespace Portal.Web.Tests.Environments;

/// <summary>The environment service's flows the REST API does not expose: preview then apply, reveal, retry rules.</summary>
public sealed class EnvironmentServiceTests
{
    private static readonly TimeSpan s_jobTimeout = TimeSpan.FromMinutes(2);
    private static readonly ActorContext s_alice = new("alice", "10.0.0.7") { Roles = PortalRoles.Admin };

    [Fact]
    public async Task PreviewThenApply_ShowsTheDiffWithoutChangingTheStack_ThenAppliesExactlyThat()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Sandbox:Speed"] = "50" });
        using var client = factory.CreateClient();
        var service = factory.Services.GetRequiredService<IEnvironmentService>();
        var created = await service.CreateAsync(new CreateEnvironmentCommand("dev-2", "eks-environment", Portal.Data.Entities.EnvironmentClass.Development, new Dictionary<string, JsonElement>()), s_alice);
        Assert.Equal(EnvironmentCommandStatus.Accepted, created.Status);
        Assert.Equal("succeeded", (await client.WaitForJobAsync(created.JobId!.Value, s_jobTimeout)).GetProperty("state").GetString());

        var invalid = await service.PreviewChangesAsync("dev-2", Parameters("""{"appReplicas":0}"""), s_alice);
        Assert.Equal(EnvironmentCommandStatus.Invalid, invalid.Status);
        Assert.Contains("parameters.appReplicas", invalid.Errors.Keys);

        var preview = await service.PreviewChangesAsync("dev-2", Parameters("""{"appReplicas":4,"nodeCount":3}"""), s_alice);
        var previewJob = await client.WaitForJobAsync(preview.JobId!.Value, s_jobTimeout);
        Assert.Equal("succeeded", previewJob.GetProperty("state").GetString());
        var result = previewJob.GetProperty("result");
        Assert.True(result.GetProperty("hasChanges").GetBoolean());
        var changes = result.GetProperty("parameterChanges").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => (c.GetProperty("before").GetString(), c.GetProperty("after").GetString()));
        Assert.Equal(("2", "4"), changes["appReplicas"]);
        Assert.Equal(("2", "3"), changes["nodeCount"]);
        Assert.Contains(result.GetProperty("steps").EnumerateArray(), s => s.GetProperty("operation").GetString() == "update" && s.GetProperty("urn").GetString()!.EndsWith("::web", StringComparison.Ordinal));

        // The preview changed nothing: stored parameters and the running Deployment are as before.
        var environment = await client.GetFromJsonAsync<JsonElement>("/api/environments/dev-2");
        Assert.Equal(2, environment.GetProperty("parameters").GetProperty("appReplicas").GetInt32());
        Assert.Equal("nginx:1.27", environment.GetProperty("cluster").GetProperty("workloads")[0].GetProperty("images")[0].GetString());

        Assert.Equal(EnvironmentCommandStatus.NotFound, (await service.ApplyPreviewAsync("dev-2", created.JobId!.Value, s_alice)).Status);
        var apply = await service.ApplyPreviewAsync("dev-2", preview.JobId!.Value, s_alice);
        Assert.Equal("succeeded", (await client.WaitForJobAsync(apply.JobId!.Value, s_jobTimeout)).GetProperty("state").GetString());
        environment = await client.GetFromJsonAsync<JsonElement>("/api/environments/dev-2");
        Assert.Equal(4, environment.GetProperty("parameters").GetProperty("appReplicas").GetInt32());
        var web = environment.GetProperty("cluster").GetProperty("workloads")[0];
        Assert.Equal(("nginx:1.27", 4), (web.GetProperty("images")[0].GetString(), web.GetProperty("replicas").GetInt32()));

        // Retry is for failed, cancelled or interrupted operations only.
        Assert.Equal(EnvironmentCommandStatus.Conflict, (await service.RetryAsync("dev-2", apply.JobId!.Value, s_alice)).Status);
    }

    [Fact]
    public async Task ClearingAnOptionalParameter_PreviewShowsItUnset_ThenPatchRemovesItsConfigKey()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Sandbox:Speed"] = "50" });
        using var client = factory.CreateClient();
        var service = factory.Services.GetRequiredService<IEnvironmentService>();
        var created = await service.CreateAsync(new CreateEnvironmentCommand("dev-5", "eks-environment", Portal.Data.Entities.EnvironmentClass.Development, Parameters("""{"appReplicas":3}""")), s_alice);
        Assert.Equal("succeeded", (await client.WaitForJobAsync(created.JobId!.Value, s_jobTimeout)).GetProperty("state").GetString());

        // The preview: appReplicas goes from 3 to unset, and Pulumi plans the web Deployment back to the program's default.
        var preview = await service.PreviewChangesAsync("dev-5", Parameters("""{"appReplicas":null}"""), s_alice);
        Assert.Equal(EnvironmentCommandStatus.Accepted, preview.Status);
        var result = (await client.WaitForJobAsync(preview.JobId!.Value, s_jobTimeout)).GetProperty("result");
        var change = Assert.Single(result.GetProperty("parameterChanges").EnumerateArray());
        Assert.Equal(("appReplicas", "3"), (change.GetProperty("name").GetString(), change.GetProperty("before").GetString()));
        Assert.False(change.TryGetProperty("after", out var after) && after.ValueKind != JsonValueKind.Null, change.ToString()); // job results leave nulls out
        Assert.Contains(result.GetProperty("steps").EnumerateArray(), s => s.GetProperty("operation").GetString() == "update" && s.GetProperty("urn").GetString()!.EndsWith("::web", StringComparison.Ordinal));

        // PATCH with null clears it: the key leaves the stack's config, so the program's default (2 replicas) applies.
        var patch = await client.PatchJsonAsync("/api/environments/dev-5", """{"parameters":{"appReplicas":null}}""");
        Assert.Equal("succeeded", (await client.WaitForJobAsync(await patch.AcceptedJobIdAsync(), s_jobTimeout)).GetProperty("state").GetString());
        var environment = await client.GetFromJsonAsync<JsonElement>("/api/environments/dev-5");
        Assert.Equal(JsonValueKind.Null, environment.GetProperty("parameters").GetProperty("appReplicas").ValueKind);
        Assert.Equal(2, environment.GetProperty("cluster").GetProperty("workloads").EnumerateArray().Single(w => w.GetProperty("name").GetString() == "web").GetProperty("replicas").GetInt32());
        var stackFiles = Directory.GetFiles(factory.DataDirectory, "Pulumi.*.yaml", SearchOption.AllDirectories)
            .Where(f => Path.GetDirectoryName(f)!.Contains("dev-5", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(stackFiles);
        Assert.All(stackFiles, f => Assert.DoesNotContain("appReplicas", File.ReadAllText(f), StringComparison.Ordinal));

        // A required parameter cannot be cleared: the field says so.
        var invalid = await client.PatchJsonAsync("/api/environments/dev-5", """{"parameters":{"vpcCidr":null}}""");
        Assert.Contains("cannot be changed", await invalid.AssertFieldErrorAsync("parameters.vpcCidr"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevealOutput_SecretKubeconfig_ReturnsItAndAuditsTheRevealWithoutTheValue()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Sandbox:Speed"] = "50" });
        using var client = factory.CreateClient();
        var service = factory.Services.GetRequiredService<IEnvironmentService>();
        var created = await service.CreateAsync(new CreateEnvironmentCommand("dev-3", "eks-environment", Portal.Data.Entities.EnvironmentClass.Staging, new Dictionary<string, JsonElement>()), s_alice);
        Assert.Equal("succeeded", (await client.WaitForJobAsync(created.JobId!.Value, s_jobTimeout)).GetProperty("state").GetString());

        var revealed = await service.RevealOutputAsync("dev-3", "kubeconfig", s_alice);
        var notSecret = await service.RevealOutputAsync("dev-3", "vpcId", s_alice);

        Assert.True(revealed.Revealed, revealed.Error);
        Assert.Contains("certificate-authority-data", revealed.Value, StringComparison.Ordinal);
        Assert.False(notSecret.Revealed);
        var audit = await client.GetFromJsonAsync<JsonElement>("/api/audit?action=environment.output.reveal");
        var entries = audit.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(("alice", "10.0.0.7"), (e.GetProperty("actor").GetString(), e.GetProperty("remoteAddress").GetString())));
        Assert.Contains(entries, e => e.GetProperty("outcome").GetString() == "revealed" && e.GetProperty("target").GetString() == "environment/dev-3/outputs/kubeconfig");
        var export = await client.GetStringAsync("/api/audit/export?format=json");
        Assert.DoesNotContain("certificate-authority-data", export, StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonElement> Parameters(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Fact]
    public async Task Retry_AnOlderChangeThanTheLatest_IsRefused()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?> { ["Sandbox:Speed"] = "50" });
        using var client = factory.CreateClient();
        var service = factory.Services.GetRequiredService<IEnvironmentService>();
        var created = await service.CreateAsync(new CreateEnvironmentCommand("dev-4", "eks-environment", Portal.Data.Entities.EnvironmentClass.Development, new Dictionary<string, JsonElement>()), s_alice);

        // Queued behind the provision, then cancelled: a retryable operation.
        var stale = await service.UpdateAsync("dev-4", Parameters("""{"appReplicas":3}"""), s_alice);
        Assert.Equal(Portal.Provisioning.Jobs.CancelOutcome.Cancelled, await factory.Services.GetRequiredService<Portal.Provisioning.Jobs.IJobQueue>().CancelAsync(stale.JobId!.Value, "alice"));
        Assert.Equal("succeeded", (await client.WaitForJobAsync(created.JobId!.Value, s_jobTimeout)).GetProperty("state").GetString());
        var later = await service.UpdateAsync("dev-4", Parameters("""{"appReplicas":4}"""), s_alice);
        Assert.Equal("succeeded", (await client.WaitForJobAsync(later.JobId!.Value, s_jobTimeout)).GetProperty("state").GetString());

        var retry = await service.RetryAsync("dev-4", stale.JobId!.Value, s_alice);

        Assert.Equal(EnvironmentCommandStatus.Conflict, retry.Status);
        Assert.Contains("only the latest can be retried", retry.Message, StringComparison.Ordinal);
    }
}
