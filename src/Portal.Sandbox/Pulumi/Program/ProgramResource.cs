using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>A resource declared in the YAML program: <c>type</c>, <c>properties</c>, and the options the sandbox honours
/// (<c>dependsOn</c>, <c>provider</c>, <c>protect</c>, <c>ignoreChanges</c>).</summary>
internal sealed record ProgramResource(
    string Name,
    string Type,
    JsonNode? Properties,
    IReadOnlyList<string> Dependencies,
    string? ProviderName,
    bool Protect,
    IReadOnlyList<string>? IgnoreChanges = null);
