using System.Text.Json.Nodes;

namespace Portal.Provisioning.Environments;

/// <summary>The result of a provision or update: the engine's counts, its duration, and the masked outputs.</summary>
public sealed record ApplyJobResult(IReadOnlyDictionary<string, int> ResourceChanges, int DurationSeconds, JsonObject Outputs);
