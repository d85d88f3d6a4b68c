using Portal.Data.Entities;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Environments;

/// <summary>
/// Turns the driver's typed progress into job events: resource steps, diagnostics and the summary become progress
/// events (their data is the <see cref="StackProgress"/> itself, so a page can fold them with a
/// <see cref="StackProgressTracker"/>), the CLI's own output lines become the job's log.
/// </summary>
public static class StackProgressRelay
{
    public static StackProgressHandler For(JobExecutionContext job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return async (progress, _) =>
        {
            switch (progress)
            {
                case ResourceProgress resource:
                    await job.ReportProgressAsync(Describe(resource), progress);
                    break;
                case DiagnosticProgress { Severity: "error" or "warning" } diagnostic:
                    await job.ReportProgressAsync(diagnostic.Message.TrimEnd('\n'), progress, diagnostic.Severity == "error" ? JobEventLevel.Error : JobEventLevel.Warning);
                    break;
                case SummaryProgress summary:
                    await job.ReportProgressAsync(Describe(summary), progress);
                    break;
                case OutputLineProgress line when line.Line.Length > 0:
                    await job.LogAsync(line.Line, line.IsStandardError ? JobEventLevel.Warning : JobEventLevel.Info);
                    break;
                case MalformedEventProgress:
                    await job.LogAsync("Skipped a malformed engine event.", JobEventLevel.Warning);
                    break;
            }
        };
    }

    private static string Describe(ResourceProgress resource)
    {
        var verb = resource.Phase switch
        {
            ResourceEventPhase.Started => "started",
            ResourceEventPhase.Completed => "done",
            _ => "failed",
        };
        return $"{resource.Operation} {resource.Type} {resource.Name}: {verb}";
    }

    private static string Describe(SummaryProgress summary)
    {
        var changes = string.Join(", ", summary.ResourceChanges.Where(c => c.Value > 0).Select(c => $"{c.Value} {c.Key}"));
        return $"{(summary.IsPreview ? "Preview" : "Run")} {summary.Result ?? "finished"} in {summary.DurationSeconds} s ({(changes.Length == 0 ? "no resources" : changes)}).";
    }
}
