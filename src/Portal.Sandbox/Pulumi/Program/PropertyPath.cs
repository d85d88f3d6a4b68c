using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Portal.Sandbox.Pulumi;

/// <summary>
/// Pulumi property paths as <c>ignoreChanges</c> takes them: <c>spec.template.spec.containers[0].image</c>,
/// <c>metadata.labels["app.kubernetes.io/name"]</c>. Enough of the grammar for the templates the sandbox runs.
/// </summary>
internal static partial class PropertyPath
{
    /// <summary>The node at <paramref name="path"/>, or null when any step is absent.</summary>
    public static JsonNode? Get(JsonNode? root, string path)
    {
        var node = root;
        foreach (var segment in Parse(path))
        {
            node = segment switch
            {
                int index when node is JsonArray array && index < array.Count => array[index],
                string key when node is JsonObject obj => obj[key],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>
    /// Makes <paramref name="target"/> hold <paramref name="source"/>'s value at <paramref name="path"/> (removing it when
    /// the source has none). Returns false when the target lacks the path's parent, so there is nothing to change.
    /// </summary>
    public static bool CopyFrom(JsonNode? source, JsonNode target, string path)
    {
        ArgumentNullException.ThrowIfNull(target);
        var segments = Parse(path);
        if (segments.Count == 0)
        {
            return false;
        }

        var parent = target;
        foreach (var segment in segments.Take(segments.Count - 1))
        {
            parent = segment switch
            {
                int index when parent is JsonArray array && index < array.Count => array[index],
                string key when parent is JsonObject obj => obj[key],
                _ => null,
            };
            if (parent is null)
            {
                return false;
            }
        }

        var value = Get(source, path)?.DeepClone();
        switch (segments[^1])
        {
            case string key when parent is JsonObject obj:
                if (value is null)
                {
                    obj.Remove(key);
                }
                else
                {
                    obj[key] = value;
                }

                return true;
            case int index when parent is JsonArray array && index < array.Count && value is not null:
                array[index] = value;
                return true;
            default:
                return false;
        }
    }

    private static List<object> Parse(string path)
    {
        var segments = new List<object>();
        foreach (Match match in Segment().Matches(path))
        {
            if (match.Groups["name"].Success)
            {
                segments.Add(match.Groups["name"].Value);
            }
            else if (match.Groups["index"].Success)
            {
                segments.Add(int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture));
            }
            else
            {
                segments.Add(match.Groups["quoted"].Value);
            }
        }

        return segments;
    }

    [GeneratedRegex(@"(?<name>[^.\[\]""]+)|\[(?<index>[0-9]+)\]|\[""(?<quoted>[^""]*)""\]", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();
}
