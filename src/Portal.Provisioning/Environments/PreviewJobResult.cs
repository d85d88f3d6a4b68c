using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Environments;

/// <summary>What a settings preview found: the parameter changes and the planned resource steps.</summary>
public sealed record PreviewJobResult(
    IReadOnlyList<ParameterChange> ParameterChanges,
    IReadOnlyDictionary<string, int> ChangeSummary,
    IReadOnlyList<PreviewStep> Steps,
    bool HasChanges);
