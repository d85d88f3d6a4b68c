using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Environments;

/// <summary>What a drift check found: resources whose cloud state differs from the stack's, each with the refresh's
/// result op (<c>update</c>: changed outside the portal, with the changed keys; <c>delete</c>: deleted outside Pulumi),
/// and the refresh's counts per outcome.</summary>
public sealed record DriftCheckResult(bool Drifted, IReadOnlyDictionary<string, int> Changes, IReadOnlyList<PreviewStep> DriftedResources)
{
    /// <summary>The resources gone from the cloud (the stack still records them), by name.</summary>
    public IReadOnlyList<DeletedResource> DeletedResources =>
        [.. DriftedResources.Where(r => r.Operation == "delete").Select(r => DeletedResource.From(r.Urn, r.Type))];
}
