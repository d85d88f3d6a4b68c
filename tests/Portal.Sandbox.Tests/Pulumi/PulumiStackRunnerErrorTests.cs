using Portal.Provisioning.Pulumi;

namespace Portal.Sandbox.Tests.Pulumi;

/// <summary>Each error class the driver maps, produced by the sandbox CLI's real texts and exit codes.</summary>
public sealed class PulumiStackRunnerErrorTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task GetOutputsAsync_StackNeverCreated_ThrowsStackNotFound()
    {
        using var stack = await SandboxStack.CreateAsync(TestPrograms.OutputsOnly);

        var error = await Assert.ThrowsAsync<StackNotFoundException>(() => stack.Runner.GetOutputsAsync(stack.Workspace, s_none));

        Assert.Equal(6, error.ExitCode);
        Assert.Contains("no stack named 'dev' found", error.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateStackAsync_StackExists_ThrowsStackAlreadyExists()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.OutputsOnly)).InitAsync();

        var error = await Assert.ThrowsAsync<StackAlreadyExistsException>(() => stack.Runner.CreateStackAsync(stack.Workspace, s_none));

        Assert.Contains("stack 'organization/demo/dev' already exists", error.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpAsync_WrongPassphrase_ThrowsAuthentication()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.OutputsOnly)).InitAsync();
        await stack.Runner.SetConfigAsync(stack.Workspace, "apiKey", new ConfigValue("x", true), false, s_none);

        var error = await Assert.ThrowsAsync<PulumiAuthenticationException>(
            () => stack.RunnerWithPassphrase("wrong").UpAsync(stack.Workspace, new StackOperationOptions(), s_none));

        Assert.Contains("incorrect passphrase", error.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewAsync_ExpectNoChangesWithChanges_ThrowsNoChangesExpected()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.Network)).InitAsync();

        var error = await Assert.ThrowsAsync<NoChangesExpectedException>(
            () => stack.Runner.PreviewAsync(stack.Workspace, new StackOperationOptions { ExpectNoChanges = true }, s_none));

        Assert.Equal(7, error.ExitCode);
    }

    [Fact]
    public async Task UpAsync_ResourceListedInFailResources_FailsWithDiagnosticAndKeepsTheRest()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.Network)).InitAsync();
        await stack.Runner.SetConfigAsync(stack.Workspace, "sandbox:failResources", new ConfigValue("subnet"), false, s_none);
        var progress = new ProgressRecorder();

        var error = await Assert.ThrowsAsync<PulumiCommandException>(
            () => stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions { OnProgress = progress.Handler }, s_none));

        Assert.Equal(typeof(PulumiCommandException), error.GetType());
        Assert.Equal(1, error.ExitCode);
        Assert.Contains(progress.Resources, r => r is { Phase: ResourceEventPhase.Failed, Name: "subnet", Operation: "create" });
        Assert.Contains(progress.Items, p => p is DiagnosticProgress { Severity: "error" } d && d.Message.Contains("injected failure for 'subnet' (create; listed in config sandbox:failResources)", StringComparison.Ordinal));
        Assert.Contains(progress.Items, p => p is SummaryProgress { Result: "failed" });
        var export = await stack.Runner.ExportStackAsync(stack.Workspace, s_none);
        Assert.Contains("aws:ec2:Vpc::vpc", export, StringComparison.Ordinal);
        Assert.DoesNotContain("aws:ec2:Subnet::subnet", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DestroyAsync_ResourceListedForDeleteOnly_CreatesThenFailsOnDestroy()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.Network)).InitAsync();
        await stack.Runner.SetConfigAsync(stack.Workspace, "sandbox:failResources", new ConfigValue("repo:delete"), false, s_none);

        var up = await stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions(), s_none);
        var error = await Assert.ThrowsAsync<PulumiCommandException>(() => stack.Runner.DestroyAsync(stack.Workspace, new StackOperationOptions(), s_none));

        Assert.True(up.Succeeded);
        Assert.Equal(1, error.ExitCode);
        Assert.Contains("aws:ecr:Repository::repo", await stack.Runner.ExportStackAsync(stack.Workspace, s_none), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpAsync_UnknownResourceType_FailsWithClearDiagnostic()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.UnknownType)).InitAsync();
        var progress = new ProgressRecorder();

        await Assert.ThrowsAsync<PulumiCommandException>(
            () => stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions { OnProgress = progress.Handler }, s_none));

        Assert.Contains(progress.Items, p => p is DiagnosticProgress d
            && d.Message.Contains("resource type 'gcp:compute:Instance' is not supported by the sandbox pulumi CLI", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpAsync_MissingRequiredConfig_FailsWithPulumiText()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.OutputsOnly)).InitAsync();
        var progress = new ProgressRecorder();

        await Assert.ThrowsAsync<PulumiCommandException>(
            () => stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions { OnProgress = progress.Handler }, s_none));

        Assert.Contains(progress.Items, p => p is DiagnosticProgress d && d.Message.Contains("Stack 'dev' is missing configuration value 'apiKey'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DestroyAsync_ProtectedResource_FailsAndKeepsIt()
    {
        using var stack = await (await SandboxStack.CreateAsync("""
            name: prot
            runtime: yaml
            resources:
              logs:
                type: aws:s3:Bucket
                options:
                  protect: true
            """)).InitAsync();
        await stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions(), s_none);
        var progress = new ProgressRecorder();

        await Assert.ThrowsAsync<PulumiCommandException>(
            () => stack.Runner.DestroyAsync(stack.Workspace, new StackOperationOptions { OnProgress = progress.Handler }, s_none));

        Assert.Contains(progress.Items, p => p is DiagnosticProgress d && d.Message.Contains("as it is currently marked for protection", StringComparison.Ordinal));
        Assert.Contains("\"protect\": true", await stack.Runner.ExportStackAsync(stack.Workspace, s_none), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVersionAsync_CommandMissing_ThrowsCliNotFound()
    {
        using var stack = await SandboxStack.CreateAsync(TestPrograms.OutputsOnly);
        File.Delete(stack.Launcher);

        await Assert.ThrowsAsync<PulumiCliNotFoundException>(() => stack.Runner.GetVersionAsync(s_none));
    }
}
