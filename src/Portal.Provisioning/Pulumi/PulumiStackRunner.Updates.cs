using System.Diagnostics;

namespace Portal.Provisioning.Pulumi;

/// <summary>preview, up, refresh and destroy: the commands that follow the engine event log.</summary>
public sealed partial class PulumiStackRunner
{
    public async Task<StackPreviewResult> PreviewAsync(StackWorkspace workspace, StackOperationOptions options, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "preview", "--json" };
        AddUpdateFlags(arguments, options, includeMessage: true);
        arguments.AddRange(["--exec-kind", ExecKind]);
        var (result, events) = await RunWithEventLogAsync(workspace, "preview", arguments, options, cancellationToken);
        if (result.Cancellation != CancellationOutcome.None)
        {
            return new StackPreviewResult(events.Summary?.ResourceChanges ?? new Dictionary<string, int>(), events.Steps, events.Errors, result.Cancellation);
        }

        ThrowIfFailed("preview", result);
        return PreviewDocumentParser.Parse(result.StandardOutput, events.Summary);
    }

    public Task<StackPreviewResult> PreviewRefreshAsync(StackWorkspace workspace, StackOperationOptions options, CancellationToken cancellationToken) =>
        RunPreviewOnlyAsync(workspace, ["refresh", "--preview-only"], options, cancellationToken);

    public Task<StackPreviewResult> PreviewDestroyAsync(StackWorkspace workspace, StackOperationOptions options, CancellationToken cancellationToken) =>
        RunPreviewOnlyAsync(workspace, ["destroy", "--preview-only"], options, cancellationToken);

    /// <summary><c>refresh|destroy --preview-only</c>: the plan comes from the event log (no digest document for these).</summary>
    private async Task<StackPreviewResult> RunPreviewOnlyAsync(
        StackWorkspace workspace, List<string> arguments, StackOperationOptions options, CancellationToken cancellationToken)
    {
        AddUpdateFlags(arguments, options with { Refresh = false }, includeMessage: false);
        arguments.AddRange(["--exec-kind", ExecKind]);
        var (result, events) = await RunWithEventLogAsync(workspace, arguments[0], arguments, options, cancellationToken);
        if (result.Cancellation == CancellationOutcome.None)
        {
            ThrowIfFailed(arguments[0], result);
        }

        return new StackPreviewResult(events.Summary?.ResourceChanges ?? new Dictionary<string, int>(), events.Steps, events.Errors, result.Cancellation);
    }

    public Task<StackUpdateResult> UpAsync(StackWorkspace workspace, StackOperationOptions options, CancellationToken cancellationToken) =>
        RunUpdateAsync(workspace, "update", ["up", "--yes", "--skip-preview"], options, cancellationToken);

    public Task<StackUpdateResult> RefreshAsync(StackWorkspace workspace, StackOperationOptions options, CancellationToken cancellationToken)
    {
        List<string> arguments = ["refresh", "--yes", "--skip-preview"];
        if (options.ClearPendingCreates)
        {
            arguments.Add("--clear-pending-creates");
        }

        return RunUpdateAsync(workspace, "refresh", arguments, options with { Refresh = false }, cancellationToken);
    }

    public Task<StackUpdateResult> DestroyAsync(StackWorkspace workspace, StackOperationOptions options, CancellationToken cancellationToken) =>
        RunUpdateAsync(workspace, "destroy", ["destroy", "--yes", "--skip-preview"], options, cancellationToken);

    private async Task<StackUpdateResult> RunUpdateAsync(
        StackWorkspace workspace, string kind, List<string> arguments, StackOperationOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        AddUpdateFlags(arguments, options, includeMessage: true);
        arguments.AddRange(["--exec-kind", ExecKind]);
        var (result, events) = await RunWithEventLogAsync(workspace, arguments[0], arguments, options, cancellationToken);
        if (result.Cancellation == CancellationOutcome.None)
        {
            ThrowIfFailed(arguments[0], result);
        }

        // An update that completed although it was asked to stop (the signal came too late) still has outputs.
        var summary = events.Summary;
        var completed = result.ExitCode == 0 && (result.Cancellation == CancellationOutcome.None || summary?.Result == "succeeded");
        var outputs = kind == "update" && completed
            ? await GetOutputsAsync(workspace, result.Cancellation == CancellationOutcome.None ? cancellationToken : CancellationToken.None)
            : new Dictionary<string, StackOutputValue>();
        return new StackUpdateResult(kind, summary, outputs, result.Cancellation, Stopwatch.GetElapsedTime(started));
    }

    private static void AddUpdateFlags(List<string> arguments, StackOperationOptions options, bool includeMessage)
    {
        if (includeMessage && !string.IsNullOrEmpty(options.Message))
        {
            arguments.AddRange(["--message", options.Message]);
        }

        foreach (var target in options.Targets)
        {
            arguments.AddRange(["--target", target]);
        }

        if (options.Refresh)
        {
            // A string flag whose bare form means "true": "--refresh true" would make "true" a positional.
            arguments.Add("--refresh");
        }

        if (options.ExpectNoChanges)
        {
            arguments.Add("--expect-no-changes");
        }
    }

    private async Task<(PulumiProcessResult Result, EventLogFollower Events)> RunWithEventLogAsync(
        StackWorkspace workspace, string command, List<string> arguments, StackOperationOptions options, CancellationToken cancellationToken)
    {
        // Same layout as the SDKs: <temp>/automation-logs-<command>-<random>/eventlog.txt, the CLI creates the file.
        var logDirectory = Path.Combine(Path.GetTempPath(), $"automation-logs-{command}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(logDirectory);
        var logPath = Path.Combine(logDirectory, "eventlog.txt");
        using var dispatcher = new ProgressDispatcher(options.OnProgress, _logger);
        var invocation = CreateInvocation(workspace, arguments, _options.UpdateTimeout, logPath) with
        {
            ForceCancellation = options.ForceCancellation,
            OnOutputLine = (isError, line) => dispatcher.PublishAsync(new OutputLineProgress(_time.GetUtcNow(), isError, line)),
        };
        if (options.CancelGracePeriod is { } grace)
        {
            invocation = invocation with { CancelGracePeriod = grace };
        }

        using var tailer = new EventLogTailer(logPath);
        var tail = new EventLogFollower(tailer, dispatcher, _time, _options.EventLogPollInterval, _logger);
        var process = RunProcessAsync(workspace, command, invocation, cancellationToken);
        try
        {
            await tail.FollowAsync(process);
            return (await process, tail);
        }
        finally
        {
            TryDeleteDirectory(logDirectory);
        }
    }

    private static void TryDeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
