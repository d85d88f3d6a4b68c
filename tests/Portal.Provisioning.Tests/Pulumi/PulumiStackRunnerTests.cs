using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Tests.Pulumi;

/// <summary>The driver's argv, environment, stdin and event-log handling, against a scripted process.</summary>
public sealed class PulumiStackRunnerTests
{
    private const string Passphrase = "pp-value-never-in-argv";
    private static readonly StackWorkspace s_workspace = new(Path.GetTempPath(), "demo", "dev");
    private readonly FakeProcessRunner _processes = new();
    private readonly PulumiStackRunner _runner;

    public PulumiStackRunnerTests()
    {
        var options = new PulumiOptions
        {
            Command = "/opt/pulumi/bin/pulumi",
            BackendUrl = "s3://state-bucket",
            WorkDirectoryRoot = Path.GetTempPath(),
            ConfigPassphrase = Passphrase,
            EventLogPollInterval = TimeSpan.FromMilliseconds(10),
        };
        _runner = new PulumiStackRunner(options, _processes, NullLogger.Instance, TimeProvider.System);
    }

    [Fact]
    public async Task UpAsync_Always_BuildsTheAutomationApiArgvAndEnvironment()
    {
        await _runner.UpAsync(s_workspace, new StackOperationOptions { Message = "release v2", Targets = ["urn:a"], Refresh = true }, CancellationToken.None);

        var up = _processes.Invocations[0];
        var eventLog = up.Arguments[^1];
        Assert.Equal(
            ["up", "--yes", "--skip-preview", "--message", "release v2", "--target", "urn:a", "--refresh", "--exec-kind", "auto.local", "--stack", "dev", "--non-interactive", "--event-log", eventLog],
            up.Arguments);
        Assert.Matches(@"automation-logs-up-[0-9a-f]{32}[/\\]eventlog\.txt$", eventLog);
        Assert.Equal("/opt/pulumi/bin/pulumi", up.FileName);
        Assert.Equal("true", up.Environment["PULUMI_DEBUG_COMMANDS"]);
        Assert.Equal("true", up.Environment["PULUMI_SKIP_UPDATE_CHECK"]);
        Assert.Equal("s3://state-bucket", up.Environment["PULUMI_BACKEND_URL"]);
        Assert.Equal(Passphrase, up.Environment["PULUMI_CONFIG_PASSPHRASE"]);
        Assert.DoesNotContain(_processes.Invocations.SelectMany(i => i.Arguments), a => a.Contains(Passphrase, StringComparison.Ordinal));
        Assert.Equal(["stack", "output", "--json", "--stack", "dev", "--non-interactive"], _processes.Invocations[1].Arguments);
        Assert.Equal(["stack", "output", "--json", "--show-secrets", "--stack", "dev", "--non-interactive"], _processes.Invocations[2].Arguments);
        Assert.False(Directory.Exists(Path.GetDirectoryName(eventLog)));
    }

    [Fact]
    public async Task SetConfigAsync_SecretValue_GoesThroughStdinNeverArgv()
    {
        await _runner.SetConfigAsync(s_workspace, "db.password", new ConfigValue("s3cr3t", IsSecret: true), path: true, CancellationToken.None);
        await _runner.SetConfigAsync(s_workspace, "tag", new ConfigValue("v1"), path: false, CancellationToken.None);

        Assert.Equal(["config", "set", "--path", "db.password", "--secret", "--stack", "dev", "--non-interactive"], _processes.Invocations[0].Arguments);
        Assert.Equal("s3cr3t", _processes.Invocations[0].StandardInput);
        Assert.Equal(["config", "set", "tag", "--plaintext", "--stack", "dev", "--non-interactive", "--", "v1"], _processes.Invocations[1].Arguments);
    }

    [Fact]
    public async Task RemoveStackAsync_Force_PassesStackPositionallyLikeTheSdk()
    {
        await _runner.RemoveStackAsync(s_workspace, force: true, CancellationToken.None);

        Assert.Equal(["stack", "rm", "--yes", "dev", "--force", "--non-interactive"], _processes.Invocations[0].Arguments);
    }

    [Fact]
    public async Task UpAsync_PartialAndMalformedEventLines_DeliversEveryValidEventUpToCancelEvent()
    {
        _processes.Respond = async (invocation, eventLog, _) =>
        {
            if (eventLog is null)
            {
                return FakeProcessRunner.Ok("{}");
            }

            await FakeProcessRunner.AppendAsync(eventLog, "{\"sequence\":0,\"timestamp\":1,\"preludeEvent\":{\"config\":{}}}\n{\"sequence\":1,\"timest");
            await Task.Delay(60, CancellationToken.None);
            await FakeProcessRunner.AppendAsync(eventLog, "amp\":1,\"diagnosticEvent\":{\"message\":\"hi\\n\",\"color\":\"raw\",\"severity\":\"info\"}}\n");
            await FakeProcessRunner.AppendAsync(eventLog, "{\"sequence\":2,\"timestamp\":1,\"summ\n");
            await FakeProcessRunner.AppendAsync(eventLog, "{\"sequence\":3,\"timestamp\":1,\"summaryEvent\":{\"durationSeconds\":1,\"resourceChanges\":{\"create\":1},\"isPreview\":false,\"result\":\"succeeded\"}}\n");
            await FakeProcessRunner.AppendAsync(eventLog, "{\"sequence\":4,\"timestamp\":1,\"cancelEvent\":{}}\n{\"sequence\":5,\"timestamp\":1,\"diagnosticEvent\":{\"message\":\"after end\",\"severity\":\"info\"}}\n");
            await invocation.OnOutputLine!(false, "Updating (dev):");
            return FakeProcessRunner.Ok();
        };
        var progress = new List<StackProgress>();

        var result = await _runner.UpAsync(s_workspace, new StackOperationOptions { OnProgress = (p, _) => { progress.Add(p); return ValueTask.CompletedTask; } }, CancellationToken.None);

        Assert.Equal(1, result.Summary!.ResourceChanges["create"]);
        Assert.Contains(progress, p => p is PreludeProgress);
        Assert.Contains(progress, p => p is DiagnosticProgress { Message: "hi\n" });
        Assert.Contains(progress, p => p is MalformedEventProgress m && m.Line.EndsWith("\"summ", StringComparison.Ordinal));
        Assert.Contains(progress, p => p is OutputLineProgress { Line: "Updating (dev):" });
        Assert.DoesNotContain(progress, p => p is DiagnosticProgress { Message: "after end" });
    }

    [Fact]
    public async Task PreviewRefreshAsync_RealCliRefreshSteps_KeepsResourcesChangedAndDeletedOutsidePulumi()
    {
        // As the engine writes a refresh: resourcePreEvent op "refresh", then resOutputsEvent with the result op
        // (RefreshStep.ResultOp: same, update with the changed keys, or delete with "new": null for a resource gone).
        const string Prefix = "urn:pulumi:dev::demo::";
        static string Step(int sequence, string eventName, string op, string name, string type, string? diffs, bool gone)
        {
            JsonObject State() => new()
            {
                ["type"] = type, ["urn"] = Prefix + type + "::" + name, ["custom"] = true, ["id"] = name + "-1", ["parent"] = "",
                ["inputs"] = new JsonObject(), ["outputs"] = new JsonObject(), ["provider"] = "",
            };
            var metadata = new JsonObject { ["op"] = op, ["urn"] = Prefix + type + "::" + name, ["type"] = type, ["old"] = State(), ["new"] = gone ? null : State() };
            if (diffs is not null)
            {
                metadata["diffs"] = new JsonArray(diffs);
            }

            metadata["detailedDiff"] = null;
            metadata["provider"] = "";
            return new JsonObject { ["sequence"] = sequence, ["timestamp"] = 1, [eventName] = new JsonObject { ["metadata"] = metadata, ["planning"] = true } }.ToJsonString() + "\n";
        }

        _processes.Respond = async (invocation, eventLog, _) =>
        {
            if (eventLog is not null)
            {
                await FakeProcessRunner.AppendAsync(eventLog, "{\"sequence\":0,\"timestamp\":1,\"preludeEvent\":{\"config\":{}}}\n"
                    + Step(1, "resourcePreEvent", "refresh", "bucket", "aws:s3:Bucket", null, gone: false)
                    + Step(2, "resOutputsEvent", "same", "bucket", "aws:s3:Bucket", null, gone: false)
                    + Step(3, "resourcePreEvent", "refresh", "web", "kubernetes:apps/v1:Deployment", null, gone: false)
                    + Step(4, "resOutputsEvent", "update", "web", "kubernetes:apps/v1:Deployment", "spec", gone: false)
                    + Step(5, "resourcePreEvent", "refresh", "account", "kubernetes:core/v1:ServiceAccount", null, gone: false)
                    + Step(6, "resOutputsEvent", "delete", "account", "kubernetes:core/v1:ServiceAccount", null, gone: true)
                    + "{\"sequence\":7,\"timestamp\":1,\"summaryEvent\":{\"maybeCorrupt\":false,\"durationSeconds\":1,\"resourceChanges\":{\"delete\":1,\"same\":1,\"update\":1},\"PolicyPacks\":{},\"isPreview\":true,\"result\":\"succeeded\"}}\n"
                    + "{\"sequence\":8,\"timestamp\":1,\"cancelEvent\":{}}\n");
            }

            return FakeProcessRunner.Ok();
        };

        var refresh = await _runner.PreviewRefreshAsync(s_workspace, new StackOperationOptions(), CancellationToken.None);

        Assert.Equal(
            [("update", Prefix + "kubernetes:apps/v1:Deployment::web", "spec"), ("delete", Prefix + "kubernetes:core/v1:ServiceAccount::account", "")],
            refresh.Steps.Select(s => (s.Operation, s.Urn, string.Join(",", s.DiffKeys))));
        Assert.Equal("kubernetes:core/v1:ServiceAccount", refresh.Steps[1].Type);
    }

    [Fact]
    public async Task RemoveAllConfigAsync_Keys_RunsOneConfigRmAllWithTheStackLikeTheOtherConfigCommands()
    {
        await _runner.RemoveAllConfigAsync(s_workspace, ["appReplicas", "logLevel"], path: false, CancellationToken.None);
        await _runner.RemoveAllConfigAsync(s_workspace, ["data.nested"], path: true, CancellationToken.None);
        await _runner.RemoveAllConfigAsync(s_workspace, [], path: false, CancellationToken.None);

        Assert.Equal(2, _processes.Invocations.Count);
        Assert.Equal(["config", "rm-all", "appReplicas", "logLevel", "--stack", "dev", "--non-interactive"], _processes.Invocations[0].Arguments);
        Assert.Equal(["config", "rm-all", "--path", "data.nested", "--stack", "dev", "--non-interactive"], _processes.Invocations[1].Arguments);
    }

    [Fact]
    public async Task UpAsync_ProcessInterrupted_ReturnsOutcomeInsteadOfThrowing()
    {
        _processes.Respond = (_, _, _) => Task.FromResult(new PulumiProcessResult(8, "", "error: update cancelled\n", CancellationOutcome.Interrupted, false));

        var result = await _runner.UpAsync(s_workspace, new StackOperationOptions(), CancellationToken.None);

        Assert.Equal(CancellationOutcome.Interrupted, result.Cancellation);
        Assert.False(result.Succeeded);
        Assert.Single(_processes.Invocations);
    }

    [Fact]
    public async Task DestroyAsync_ProcessTimedOut_ThrowsTimeout()
    {
        _processes.Respond = (_, _, _) => Task.FromResult(new PulumiProcessResult(137, "", "", CancellationOutcome.Killed, TimedOut: true));

        await Assert.ThrowsAsync<TimeoutException>(() => _runner.DestroyAsync(s_workspace, new StackOperationOptions(), CancellationToken.None));
    }

    [Fact]
    public async Task CreateOrSelectStackAsync_StackMissing_InitsAfterSelectFails()
    {
        _processes.Respond = (invocation, _, _) => Task.FromResult(invocation.Arguments[1] == "select"
            ? new PulumiProcessResult(6, "", "error: no stack named 'dev' found\n", CancellationOutcome.None, false)
            : FakeProcessRunner.Ok());

        Assert.True(await _runner.CreateOrSelectStackAsync(s_workspace, CancellationToken.None));

        Assert.Equal(["stack", "select", "--stack", "dev", "--non-interactive"], _processes.Invocations[0].Arguments);
        Assert.Equal(["stack", "init", "dev", "--non-interactive"], _processes.Invocations[1].Arguments);
    }

    [Theory]
    [InlineData("v3.259.0\n", "3.259.0")]
    [InlineData("v3.100.0-alpha.x1234\n", "3.100.0")]
    public async Task GetVersionAsync_VersionText_ParsesLikeTheSdk(string stdout, string expected)
    {
        _processes.Respond = (_, _, _) => Task.FromResult(FakeProcessRunner.Ok(stdout));

        Assert.Equal(Version.Parse(expected), await _runner.GetVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetVersionAsync_OlderThanMinimum_Throws()
    {
        _processes.Respond = (_, _, _) => Task.FromResult(FakeProcessRunner.Ok("v3.0.9\n"));

        var error = await Assert.ThrowsAsync<PulumiCommandException>(() => _runner.GetVersionAsync(CancellationToken.None));

        Assert.StartsWith("Minimum version requirement failed.", error.Message, StringComparison.Ordinal);
    }
}
