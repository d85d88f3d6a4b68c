using Portal.Sandbox.Pulumi.Providers;

namespace Portal.Sandbox.Pulumi;

/// <summary>Everything one engine run needs. <see cref="Kind"/> is update, refresh or destroy (a preview is an update with
/// <see cref="IsPreview"/>).</summary>
internal sealed record EngineRequest(
    string Kind,
    bool IsPreview,
    ProjectInfo Project,
    string Stack,
    StateStore Store,
    YamlProgram Program,
    IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> Config,
    SandboxProviderRegistry Providers,
    SandboxProviderContext ProviderContext,
    EventLogWriter Events)
{
    /// <summary><c>--target</c> URNs: when set, only these resources change; the others keep their state.</summary>
    public IReadOnlySet<string> Targets { get; init; } = new HashSet<string>();

    public bool IsTargeted(string urn) => Targets.Count == 0 || Targets.Contains(urn);
}
