using System.Text.Json;
using Portal.Provisioning.Pulumi;

namespace Portal.Sandbox.Tests.Pulumi;

/// <summary>Cancellation (SIGINT, kill), locks, and recovery from a crash through cancel + export/import.</summary>
public sealed class PulumiStackRunnerCancellationTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // as when the portal runs in the background: the real CLI (Go) un-ignores SIGINT, so must the sandbox
    public async Task UpAsync_CancelledDuringUpdate_InterruptsGracefullyAndReleasesLock(bool interruptIgnored)
    {
        // Speed 1: on a loaded machine the SIGINT must still land before the remaining resources are done.
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.Slow, speed: 1, interruptIgnored: interruptIgnored)).InitAsync();
        var progress = new ProgressRecorder();
        using var cancel = new CancellationTokenSource();

        var up = stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions { OnProgress = progress.Handler }, cancel.Token);
        await progress.WhenStartedAsync("nat");
        await cancel.CancelAsync();
        var result = await up;

        Assert.Equal(CancellationOutcome.Interrupted, result.Cancellation);
        Assert.False(result.Succeeded);
        Assert.Equal("canceled", result.Summary!.Result);
        Assert.Contains(progress.Items, p => p is DiagnosticProgress { Severity: "stdout" } d && d.Message.StartsWith("^C received; cancelling.", StringComparison.Ordinal));
        Assert.Contains(progress.Items, p => p is OutputLineProgress { IsStandardError: true, Line: "error: update cancelled" });
        Assert.DoesNotContain(progress.Resources, r => r.Name == "route");
        Assert.Empty(Directory.GetFiles(Path.Combine(stack.StateDirectory, ".pulumi", "locks"), "*.json", SearchOption.AllDirectories));

        var again = await stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions(), s_none);
        Assert.True(again.Succeeded);
    }

    [Fact]
    public async Task UpAsync_SecondConcurrentUpdate_ThrowsConcurrentUpdateWithLockText()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.Slow, speed: 2)).InitAsync();
        var progress = new ProgressRecorder();

        var first = stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions { OnProgress = progress.Handler }, s_none);
        await progress.WhenStartedAsync("vpc");
        var error = await Assert.ThrowsAsync<ConcurrentUpdateException>(() => stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions(), s_none));

        Assert.Contains("the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.", error.StandardError, StringComparison.Ordinal);
        Assert.Contains("/.pulumi/locks/organization/slow/dev/", error.StandardError, StringComparison.Ordinal);
        Assert.True((await first).Succeeded);
    }

    [Fact]
    public async Task UpAsync_KilledMidUpdate_LeavesLockAndPendingOperationsThatCancelAndImportClear()
    {
        using var stack = await (await SandboxStack.CreateAsync(TestPrograms.Slow, speed: 4, cancelGracePeriod: TimeSpan.Zero)).InitAsync();
        var progress = new ProgressRecorder();
        using var cancel = new CancellationTokenSource();
        using var force = new CancellationTokenSource();
        force.Cancel();

        var up = stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions { OnProgress = progress.Handler, ForceCancellation = force.Token }, cancel.Token);
        await progress.WhenStartedAsync("nat");
        await Task.Delay(200);
        await cancel.CancelAsync();
        var killed = await up;

        Assert.Equal(CancellationOutcome.Killed, killed.Cancellation);
        await Assert.ThrowsAsync<ConcurrentUpdateException>(() => stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions(), s_none));

        await stack.Runner.CancelAsync(stack.Workspace, s_none);
        var pending = PendingOperations(await stack.Runner.ExportStackAsync(stack.Workspace, s_none));
        Assert.Contains(pending, p => p.Type == "creating" && p.Urn.EndsWith("::nat", StringComparison.Ordinal));

        var cleared = await stack.Runner.ClearPendingOperationsAsync(stack.Workspace, s_none);
        Assert.Equal(pending.Count, cleared);
        Assert.Empty(PendingOperations(await stack.Runner.ExportStackAsync(stack.Workspace, s_none)));

        var recovered = await stack.Runner.UpAsync(stack.Workspace, new StackOperationOptions(), s_none);
        Assert.True(recovered.Succeeded);
        Assert.StartsWith("nat-0", recovered.Outputs["natId"].Value.GetString(), StringComparison.Ordinal);
    }

    private static List<(string Type, string Urn)> PendingOperations(string export)
    {
        using var document = JsonDocument.Parse(export);
        return document.RootElement.GetProperty("deployment").TryGetProperty("pending_operations", out var pending)
            ? [.. pending.EnumerateArray().Select(p => (p.GetProperty("type").GetString()!, p.GetProperty("resource").GetProperty("urn").GetString()!))]
            : [];
    }
}
