namespace Portal.Provisioning.Pulumi;

/// <summary>A consistent view of a command's progress: resource rows in first-seen order, completed steps per
/// operation, the error diagnostics so far, and the summary once the engine has written it.</summary>
public sealed record StackProgressSnapshot(
    IReadOnlyList<ResourceStatus> Resources,
    IReadOnlyDictionary<string, int> CompletedOperations,
    IReadOnlyList<string> Errors,
    SummaryProgress? Summary)
{
    public int Running => Resources.Count(r => r.State == ResourceStepState.Running);

    public int Failed => Resources.Count(r => r.State == ResourceStepState.Failed);
}
