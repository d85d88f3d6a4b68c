namespace Portal.Provisioning.Pulumi;

/// <summary>The outcome of a preview: the change summary and the planned steps from the <c>preview --json</c> document.</summary>
public sealed record StackPreviewResult(
    IReadOnlyDictionary<string, int> ChangeSummary,
    IReadOnlyList<PreviewStep> Steps,
    IReadOnlyList<string> Diagnostics,
    CancellationOutcome Cancellation)
{
    /// <summary>True when the plan changes anything (ops other than same, read, discard, read-replacement).</summary>
    public bool HasChanges => ChangeSummary.Any(c => c.Value > 0 && c.Key is not ("same" or "read" or "discard" or "read-replacement"));
}
