using Microsoft.Extensions.Logging;

namespace Portal.Provisioning.Pulumi;

/// <summary>Polls the event log while the CLI runs, publishes each event as typed progress, and stops at
/// <c>cancelEvent</c> or, after the CLI exited, at the end of the file.</summary>
internal sealed class EventLogFollower(EventLogTailer tailer, ProgressDispatcher dispatcher, TimeProvider time, TimeSpan pollInterval, ILogger logger)
{
    private readonly List<PreviewStep> _steps = [];
    private readonly HashSet<string> _refreshing = new(StringComparer.Ordinal);
    private readonly List<string> _errors = [];

    public SummaryProgress? Summary { get; private set; }

    /// <summary>The non-<c>same</c> steps the engine started, in order (the plan of a preview-only destroy); for a refresh,
    /// what it found once each resource was read: <c>update</c> (outputs changed outside Pulumi, with the changed keys)
    /// and <c>delete</c> (the resource is gone from the cloud).</summary>
    public IReadOnlyList<PreviewStep> Steps => _steps;

    /// <summary>Error diagnostics, colors stripped.</summary>
    public IReadOnlyList<string> Errors => _errors;

    public async Task FollowAsync(Task process)
    {
        var ended = false;
        while (!ended)
        {
            var exited = process.IsCompleted;
            IReadOnlyList<string> lines;
            try
            {
                lines = await tailer.ReadLinesAsync(final: exited, CancellationToken.None);
            }
            catch (IOException)
            {
                lines = [];
            }

            foreach (var line in lines)
            {
                var progress = EngineEventParser.Parse(line, time, out var endOfStream);
                if (progress is MalformedEventProgress malformed)
                {
                    PulumiLog.MalformedEvent(logger, malformed.Error);
                }

                switch (progress)
                {
                    case SummaryProgress summary:
                        Summary = summary;
                        break;
                    case ResourceProgress { Phase: ResourceEventPhase.Started, Operation: "refresh" } step:
                        _refreshing.Add(step.Urn);
                        break;
                    case ResourceProgress { Phase: ResourceEventPhase.Started, Operation: not "same" } step:
                        _steps.Add(new PreviewStep(step.Operation, step.Urn, step.Type, step.ChangedKeys, step.ReplaceKeys));
                        break;

                    // A refresh step only knows what drifted when it completes: the engine then reports the step's result
                    // op (RefreshStep.ResultOp): same, update (outputs changed outside Pulumi) or delete (gone from the cloud).
                    case ResourceProgress { Phase: ResourceEventPhase.Completed } step when _refreshing.Remove(step.Urn)
                        && RefreshOutcome(step) is { } outcome:
                        _steps.Add(new PreviewStep(outcome, step.Urn, step.Type, outcome == "delete" ? [] : step.ChangedKeys, step.ReplaceKeys));
                        break;
                    case DiagnosticProgress { Severity: "error" } error:
                        _errors.Add(error.Message);
                        break;
                }

                if (progress is not null)
                {
                    await dispatcher.PublishAsync(progress);
                }

                if (endOfStream)
                {
                    ended = true;
                    break;
                }
            }

            if (exited)
            {
                break;
            }

            if (!ended)
            {
                await Task.WhenAny(process, Task.Delay(pollInterval, time));
            }
        }
    }

    private static string? RefreshOutcome(ResourceProgress step) => step.Operation switch
    {
        "delete" => "delete",
        "update" => "update",
        _ => null,
    };
}
