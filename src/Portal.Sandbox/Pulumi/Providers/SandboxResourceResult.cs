using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary>The physical id and the outputs of a created, updated or read resource.</summary>
public sealed record SandboxResourceResult(string Id, JsonObject Outputs);
