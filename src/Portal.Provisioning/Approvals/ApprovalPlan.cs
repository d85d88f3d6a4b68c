using Portal.Provisioning.Environments;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// What an approved job will change: the resource operations of the preview (destructive ones flagged), the parameter
/// changes (secret values never shown) and the images before and after. Its hash is what an approval binds.
/// </summary>
/// <param name="Operations">Resource steps other than <c>same</c>, in URN order.</param>
/// <param name="ParameterChanges">The parameters the job changes.</param>
/// <param name="Images">Each affected workload's image before and after.</param>
/// <param name="ChangeSummary">Counts by operation, as the CLI reports them.</param>
public sealed record ApprovalPlan(
    IReadOnlyList<PlannedOperation> Operations,
    IReadOnlyList<ParameterChange> ParameterChanges,
    IReadOnlyList<PlannedImage> Images,
    IReadOnlyDictionary<string, int> ChangeSummary)
{
    public bool HasDestructiveOperations => Operations.Any(o => o.Destructive);
}
