using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>JSON written the way the Go CLI writes it: no HTML escaping, 2- or 4-space indentation, compact event lines.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions s_indent2 = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true, IndentSize = 2 };
    private static readonly JsonSerializerOptions s_indent4 = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true, IndentSize = 4 };

    public static string Compact(JsonNode? node) => node?.ToJsonString(s_compact) ?? "null";

    /// <summary>Go's <c>FprintJSON</c>: 2 spaces, map keys sorted, trailing newline.</summary>
    public static string Pretty(JsonNode? node) => (SortKeys(node)?.ToJsonString(s_indent2) ?? "null") + "\n";

    /// <summary>2 spaces, keeping struct field order (Go structs are not sorted, maps are).</summary>
    public static string PrettyOrdered(JsonNode? node) => (node?.ToJsonString(s_indent2) ?? "null") + "\n";

    /// <summary>Go's <c>MarshalIndent</c> with 4 spaces, keeping struct field order.</summary>
    public static string Pretty4(JsonNode? node) => (node?.ToJsonString(s_indent4) ?? "null") + "\n";

    public static JsonNode? SortKeys(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, SortKeys(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(SortKeys)]),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>Go's time format <c>2006-01-02T15:04:05.000Z07:00</c> in UTC.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
}
