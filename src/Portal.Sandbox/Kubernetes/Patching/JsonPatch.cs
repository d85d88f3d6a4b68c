using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Patching;

/// <summary>RFC 6902 (add, remove, replace, move, copy, test) with RFC 6901 pointers; what kubectl rollout undo sends.</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        foreach (var operation in operations)
        {
            var op = operation?["op"]?.GetValue<string>() ?? throw ApiError.BadRequest("json patch operation without \"op\"");
            var path = operation["path"]?.GetValue<string>() ?? throw ApiError.BadRequest($"json patch {op} without \"path\"");
            switch (op)
            {
                case "add":
                    document = Add(document, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(document, path);
                    break;
                case "replace":
                    Remove(document, path);
                    document = Add(document, path, operation["value"]?.DeepClone());
                    break;
                case "move":
                    var from = operation["from"]!.GetValue<string>();
                    var moved = Get(document, from)?.DeepClone();
                    Remove(document, from);
                    document = Add(document, path, moved);
                    break;
                case "copy":
                    document = Add(document, path, Get(document, operation["from"]!.GetValue<string>())?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(document, path), operation["value"]))
                    {
                        throw new ApiError(422, "Invalid", $"testing value {path} failed");
                    }

                    break;
                default:
                    throw ApiError.BadRequest($"Unexpected kind: {op}");
            }
        }

        return document;
    }

    private static string[] Segments(string pointer) =>
        pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    private static JsonNode? Get(JsonNode? node, string pointer)
    {
        foreach (var segment in Segments(pointer))
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(segment, out var child) => child,
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => throw new ApiError(422, "Invalid", $"jsonpatch: path {pointer} does not exist"),
            };
        }

        return node;
    }

    private static JsonNode Add(JsonNode document, string pointer, JsonNode? value)
    {
        var segments = Segments(pointer);
        if (segments.Length == 0)
        {
            return value ?? throw ApiError.BadRequest("cannot replace the whole document with null");
        }

        var parent = Get(document, ParentPointer(segments));
        var last = segments[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index <= array.Count:
                array.Insert(index, value);
                break;
            default:
                throw new ApiError(422, "Invalid", $"jsonpatch add operation does not apply: doc is missing path: \"{pointer}\"");
        }

        return document;
    }

    private static void Remove(JsonNode document, string pointer)
    {
        var segments = Segments(pointer);
        var parent = Get(document, ParentPointer(segments));
        var last = segments[^1];
        var removed = parent switch
        {
            JsonObject obj => obj.Remove(last),
            JsonArray array when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => RemoveAt(array, index),
            _ => false,
        };
        if (!removed)
        {
            throw new ApiError(422, "Invalid", $"jsonpatch remove operation does not apply: doc is missing path: \"{pointer}\"");
        }
    }

    private static bool RemoveAt(JsonArray array, int index)
    {
        array.RemoveAt(index);
        return true;
    }

    private static string ParentPointer(string[] segments) =>
        segments.Length <= 1 ? "" : "/" + string.Join('/', segments[..^1].Select(Escape));

    private static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
