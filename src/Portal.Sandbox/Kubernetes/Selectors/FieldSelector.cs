using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Selectors;

/// <summary>
/// The fieldSelector syntax: <c>path=value</c>, <c>path==value</c>, <c>path!=value</c>, comma = AND. Paths are dotted JSON paths
/// (metadata.name, status.phase, spec.nodeName, involvedObject.name, reason, type, ...). Missing fields compare as "".
/// </summary>
internal sealed class FieldSelector
{
    private readonly List<(string[] Path, string Value, bool Equal)> _terms = [];

    public bool IsEmpty => _terms.Count == 0;

    /// <summary>The metadata.name=X term, if any: kubectl rollout status and the client's rollout watch use it.</summary>
    public string? ExactName { get; private set; }

    public static FieldSelector Parse(string? text)
    {
        var selector = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            var notEqual = part.IndexOf("!=", StringComparison.Ordinal);
            var equal = part.IndexOf('=', StringComparison.Ordinal);
            if (notEqual > 0)
            {
                selector._terms.Add((part[..notEqual].Split('.'), part[(notEqual + 2)..], false));
            }
            else if (equal > 0)
            {
                var field = part[..equal];
                var value = part[(equal + 1)..].TrimStart('=');
                selector._terms.Add((field.Split('.'), value, true));
                if (field == "metadata.name")
                {
                    selector.ExactName = value;
                }
            }
            else
            {
                throw ApiError.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            }
        }

        return selector;
    }

    public bool Matches(JsonNode? item) => _terms.TrueForAll(term => (Resolve(item, term.Path) == term.Value) == term.Equal);

    private static string Resolve(JsonNode? node, string[] path)
    {
        foreach (var segment in path)
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node is JsonValue value ? value.ToString() : "";
    }
}
