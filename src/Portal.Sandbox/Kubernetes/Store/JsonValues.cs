using System.Globalization;
using System.Text.Json.Nodes;

namespace Portal.Sandbox.Kubernetes.Store;

/// <summary>Number reads that work whether a node was parsed (JsonElement) or built in code (int, long).</summary>
internal static class JsonValues
{
    public static long AsLong(JsonNode? node) => node switch
    {
        null => 0,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<double>(out var d) => (long)d,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => 0,
    };

    public static int AsInt(JsonNode? node) => (int)AsLong(node);

    public static string AsString(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToString() ?? "";
}
