using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Provisioning.Pulumi;

namespace Portal.Sandbox.Tests.Pulumi;

/// <summary>The real driver against the sandbox CLI, through the generated launcher: every operation end to end.</summary>
public sealed class PulumiStackRunnerSandboxTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task GetVersionAsync_SandboxCli_ReturnsSupportedVersion()
    {
        using var stack = await SandboxStack.CreateAsync(TestPrograms.OutputsOnly);

        var version = await stack.Runner.GetVersionAsync(s_none);

        Assert.Equal(new Version(3, 259, 0), version);
    }

    [Fact]
    public async Task HealthCheck_SandboxCli_ReportsHealthyWithVersion()
    {
        using var stack = await SandboxStack.CreateAsync(TestPrograms.OutputsOnly);

        var result = await new PulumiCliHealthCheck(stack.Runner).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("pulumi v3.259.0", result.Description);
    }

    [Fact]
    public async Task CreateOrSelectStackAsync_NewThenExisting_CreatesOnceThenSelects()
    {
        using var stack = await SandboxStack.CreateAsync(TestPrograms.OutputsOnly);

        Assert.True(await stack.Runner.CreateOrSelectStackAsync(stack.Workspace, s_none));
        Assert.False(await stack.Runner.CreateOrSelectStackAsync(stack.Workspace, s_none));
        Assert.True(File.Exists(Path.Combine(stack.StateDirectory, ".pulumi", "stacks", "demo", "dev.json")));
    }

    [Fact]
    public async Task ConfigRoundTrip_PlainPathAndSecretValues_ReadBackWithSecretFlags()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.OutputsOnly)).InitAsync();
        var ws = stack.Workspace;

        await stack.Runner.SetConfigAsync(ws, "greeting", new ConfigValue("hello"), path: false, s_none);
        await stack.Runner.SetConfigAsync(ws, "apiKey", new ConfigValue("s3cr3t-value", IsSecret: true), path: false, s_none);
        await stack.Runner.SetConfigAsync(ws, "app.image.tag", new ConfigValue("v1.2.3"), path: true, s_none);
        await stack.Runner.SetAllConfigAsync(
            ws,
            new Dictionary<string, ConfigValue> { ["region"] = new("us-east-1"), ["dbPassword"] = new("hunter2-value", IsSecret: true) },
            path: false,
            s_none);

        var masked = await stack.Runner.GetAllConfigAsync(ws, showSecrets: false, s_none);
        var shown = await stack.Runner.GetAllConfigAsync(ws, showSecrets: true, s_none);

        Assert.Equal("hello", masked["demo:greeting"].Value);
        Assert.Equal(new ConfigValue("[secret]", true), masked["demo:apiKey"]);
        Assert.Equal("[secret]", masked["demo:dbPassword"].ToString());
        Assert.Equal("s3cr3t-value", shown["demo:apiKey"].Value);
        Assert.Equal("hunter2-value", shown["demo:dbPassword"].Value);
        Assert.Equal("us-east-1", shown["demo:region"].Value);
        Assert.Equal("v1.2.3", JsonDocument.Parse(shown["demo:app"].Value).RootElement.GetProperty("image").GetProperty("tag").GetString());
        Assert.DoesNotContain("s3cr3t-value", stack.AllStoredText(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-value", stack.AllStoredText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpAsync_OutputsOnlyProgram_ReportsProgressAndMarksSecretOutputs()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.OutputsOnly)).InitAsync();
        await stack.Runner.SetConfigAsync(stack.Workspace, "apiKey", new ConfigValue("top-secret-key", true), false, s_none);
        var progress = new ProgressRecorder();

        var first = await stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions { OnProgress = progress.Handler, Message = "first" }, s_none);
        var second = await stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions(), s_none);

        Assert.True(first.Succeeded);
        Assert.Equal(new Dictionary<string, int> { ["create"] = 1 }, first.Summary!.ResourceChanges);
        Assert.Equal(new Dictionary<string, int> { ["same"] = 1 }, second.Summary!.ResourceChanges);
        Assert.Equal("hi, dev!", first.Outputs["message"].Value.GetString());
        Assert.False(first.Outputs["message"].IsSecret);
        Assert.True(first.Outputs["secretOut"].IsSecret);
        Assert.Equal("top-secret-key", first.Outputs["secretOut"].Value.GetString());
        Assert.Equal("[secret]", first.Outputs["secretOut"].ToString());
        Assert.Equal(42, first.Outputs["answer"].Value.GetInt32());
        Assert.Contains(progress.Items, p => p is PreludeProgress prelude && prelude.Config["demo:apiKey"] == "[secret]");
        Assert.Contains(progress.Resources, r => r is { Phase: ResourceEventPhase.Completed, Operation: "create", Type: "pulumi:pulumi:Stack", Name: "demo-dev" });
        Assert.Contains(progress.Items, p => p is SummaryProgress { Result: "succeeded", IsPreview: false });
        Assert.Contains(progress.Items, p => p is OutputLineProgress { IsStandardError: false } line && line.Line.StartsWith("Updating (dev)", StringComparison.Ordinal));
        Assert.DoesNotContain(progress.Items, p => p.ToString().Contains("top-secret-key", StringComparison.Ordinal));
        Assert.DoesNotContain("top-secret-key", stack.AllStoredText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FullLifecycle_NetworkProgram_PreviewUpChangeRefreshHistoryDestroyRemove()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.Network)).InitAsync();
        var ws = stack.Workspace;

        var preview = await stack.Runner.PreviewAsync(ws, new StackOperationOptions(), s_none);
        Assert.Equal(6, preview.ChangeSummary["create"]);
        Assert.Contains(preview.Steps, s => s is { Operation: "create", Type: "aws:ec2:Vpc" });

        var up = await stack.Runner.UpAsync(ws, new StackOperationOptions(), s_none);
        Assert.StartsWith("vpc-0", up.Outputs["vpcId"].Value.GetString(), StringComparison.Ordinal);
        Assert.Equal("123456789012.dkr.ecr.us-east-1.amazonaws.com/app", up.Outputs["repositoryUrl"].Value.GetString());
        Assert.True(up.Outputs["password"].IsSecret);
        Assert.DoesNotContain(up.Outputs["password"].Value.GetString()!, stack.AllStoredText(), StringComparison.Ordinal);

        await stack.Runner.SetConfigAsync(ws, "cidr", new ConfigValue("10.0.9.0/24"), false, s_none);
        var changed = await stack.Runner.PreviewAsync(ws, new StackOperationOptions(), s_none);
        var replace = Assert.Single(changed.Steps, s => s.Operation == "replace");
        Assert.Equal(["cidrBlock"], replace.ReplaceKeys);
        Assert.True(changed.HasChanges);

        var progress = new ProgressRecorder();
        var update = await stack.Runner.UpAsync(ws, new StackOperationOptions { OnProgress = progress.Handler }, s_none);
        Assert.Equal(1, update.Summary!.ResourceChanges["replace"]);
        Assert.Contains(progress.Resources, r => r is { Operation: "create-replacement", Name: "subnet" });
        Assert.Contains(progress.Resources, r => r is { Operation: "delete-replaced", Name: "subnet", Phase: ResourceEventPhase.Completed });
        Assert.NotEqual(up.Outputs["subnetId"].Value.GetString(), update.Outputs["subnetId"].Value.GetString());

        var refresh = await stack.Runner.RefreshAsync(ws, new StackOperationOptions(), s_none);
        Assert.Equal(6, refresh.Summary!.ResourceChanges["same"]);

        var history = await stack.Runner.GetHistoryAsync(ws, pageSize: 10, page: 1, s_none);
        Assert.Equal(["refresh", "update", "update"], history.Select(h => h.Kind));
        Assert.All(history, h => Assert.Equal("succeeded", h.Result));

        var destroy = await stack.Runner.DestroyAsync(ws, new StackOperationOptions(), s_none);
        Assert.Equal(6, destroy.Summary!.ResourceChanges["delete"]);
        Assert.Empty(await stack.Runner.GetOutputsAsync(ws, s_none));

        await stack.Runner.RemoveStackAsync(ws, force: false, s_none);
        await Assert.ThrowsAsync<StackNotFoundException>(() => stack.Runner.GetOutputsAsync(ws, s_none));
    }

    [Fact]
    public async Task PreviewRefreshAndPreviewDestroy_AfterUp_ReportDriftAndPlannedDeletesWithoutChangingState()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.Network)).InitAsync();
        var ws = stack.Workspace;
        await stack.Runner.UpAsync(ws, new StackOperationOptions(), s_none);

        var clean = await stack.Runner.PreviewRefreshAsync(ws, new StackOperationOptions(), s_none);
        await stack.Runner.SetConfigAsync(ws, "sandbox:driftResources", new ConfigValue("vpc"), false, s_none);
        var drifted = await stack.Runner.PreviewRefreshAsync(ws, new StackOperationOptions(), s_none);
        var destroyPlan = await stack.Runner.PreviewDestroyAsync(ws, new StackOperationOptions(), s_none);

        Assert.False(clean.HasChanges);
        Assert.Equal(1, drifted.ChangeSummary["update"]);
        var drift = Assert.Single(drifted.Steps);
        Assert.Equal(("update", "aws:ec2:Vpc"), (drift.Operation, drift.Type));
        Assert.Contains("tags", drift.DiffKeys);
        Assert.Equal(6, destroyPlan.ChangeSummary["delete"]);
        Assert.Contains(destroyPlan.Steps, s => s is { Operation: "delete", Type: "aws:ec2:Vpc" });
        Assert.Equal(6, (await stack.Runner.RefreshAsync(ws, new StackOperationOptions(), s_none)).Summary!.ResourceChanges.Values.Sum());
        Assert.Contains("changed-out-of-band", await stack.Runner.ExportStackAsync(ws, s_none), StringComparison.Ordinal);
        Assert.NotEmpty(await stack.Runner.GetOutputsAsync(ws, s_none));
    }

    [Fact]
    public async Task GetOutputsAsync_StackSettingsFileLost_RecoversTheSaltFromTheCheckpoint()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.OutputsOnly)).InitAsync();
        await stack.Runner.SetConfigAsync(stack.Workspace, "apiKey", new ConfigValue("kept-in-state", true), false, s_none);
        await stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions(), s_none);
        File.Delete(Path.Combine(stack.Workspace.Directory, "Pulumi.dev.yaml"));

        var outputs = await stack.Runner.GetOutputsAsync(stack.Workspace, s_none);
        await stack.Runner.SetConfigAsync(stack.Workspace, "apiKey", new ConfigValue("new-secret", true), false, s_none);

        Assert.Equal("kept-in-state", outputs["secretOut"].Value.GetString());
        Assert.Equal("new-secret", (await stack.Runner.GetAllConfigAsync(stack.Workspace, showSecrets: true, s_none))["demo:apiKey"].Value);
    }

    [Fact]
    public async Task UpAndDestroy_WithTargets_ChangeOnlyTargetedResources()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.Network)).InitAsync();
        var ws = stack.Workspace;
        var first = await stack.Runner.UpAsync(ws, new StackOperationOptions(), s_none);
        await stack.Runner.SetConfigAsync(ws, "cidr", new ConfigValue("10.0.7.0/24"), false, s_none);

        var targeted = await stack.Runner.UpAsync(ws, new StackOperationOptions { Targets = ["urn:pulumi:dev::net::aws:s3:Bucket::bucket"] }, s_none);
        var destroyRepo = await stack.Runner.DestroyAsync(ws, new StackOperationOptions { Targets = ["urn:pulumi:dev::net::aws:ecr:Repository::repo"] }, s_none);

        Assert.False(targeted.Summary!.ResourceChanges.ContainsKey("replace"));
        Assert.Equal(first.Outputs["subnetId"].Value.GetString(), targeted.Outputs["subnetId"].Value.GetString());
        Assert.Equal(new Dictionary<string, int> { ["delete"] = 1 }, destroyRepo.Summary!.ResourceChanges);
        var export = await stack.Runner.ExportStackAsync(ws, s_none);
        Assert.DoesNotContain("aws:ecr:Repository::repo", export, StringComparison.Ordinal);
        Assert.Contains("aws:ec2:Vpc::vpc", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launcher_GoStyleArguments_ReadTheStateTheDriverWrote()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.Network)).InitAsync();
        var up = await stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions(), s_none);
        var start = new ProcessStartInfo(stack.Launcher, ["--non-interactive", "stack", "output", "--json", "--stack=dev", "--cwd=" + stack.Workspace.Directory])
        {
            RedirectStandardOutput = true,
            Environment =
            {
                ["PULUMI_BACKEND_URL"] = new Uri(stack.StateDirectory).AbsoluteUri,
                ["PULUMI_HOME"] = Path.Combine(stack.Root, "home"),
            },
        };

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(up.Outputs["vpcId"].Value.GetString(), document.RootElement.GetProperty("vpcId").GetString());
        Assert.Equal("[secret]", document.RootElement.GetProperty("password").GetString());
    }

    [Fact]
    public async Task GetMaskedOutputsAsync_SecretOutput_NeverLeavesTheCli()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.OutputsOnly)).InitAsync();
        await stack.Runner.SetConfigAsync(stack.Workspace, "apiKey", new ConfigValue("never-shown", true), false, s_none);
        await stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions(), s_none);

        var outputs = await stack.Runner.GetMaskedOutputsAsync(stack.Workspace, s_none);

        Assert.Equal("[secret]", outputs["secretOut"].Value.GetString());
        Assert.True(outputs["secretOut"].IsSecret);
    }
}
