using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>How a run ended: <c>succeeded</c>, <c>failed</c> or <c>canceled</c>, with counts, stack outputs and the
/// planned steps (for <c>preview --json</c>).</summary>
internal sealed record EngineResult(
    string Result,
    IReadOnlyDictionary<string, int> Changes,
    TimeSpan Duration,
    JsonObject? Outputs,
    IReadOnlyList<JsonObject> Steps,
    IReadOnlyList<JsonObject> Diagnostics);
