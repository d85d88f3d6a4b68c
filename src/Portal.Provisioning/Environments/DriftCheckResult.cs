using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Environments;

/// <summary>What a drift check found: resources whose cloud state differs from the stack's (changed or deleted
/// outside the portal), and the refresh's counts per outcome.</summary>
public sealed record DriftCheckResult(bool Drifted, IReadOnlyDictionary<string, int> Changes, IReadOnlyList<PreviewStep> DriftedResources);
