using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Environments;

/// <summary>What a settings preview found: the parameter changes and the planned resource steps.</summary>
public sealed record PreviewJobResult(
    IReadOnlyList<ParameterChange> ParameterChanges,
    IReadOnlyDictionary<string, int> ChangeSummary,
    IReadOnlyList<PreviewStep> Steps,
    bool HasChanges)
{
    /// <summary>
    /// Applying it changes something: resources, or only the settings (a value cleared back to the default it already had
    /// changes no resource, yet the stack's config and the environment's recorded settings still change).
    /// </summary>
    public bool CanApply => HasChanges || ParameterChanges.Count > 0;
}
