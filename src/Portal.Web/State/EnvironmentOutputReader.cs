using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.Provisioning.Pulumi;
using Portal.Provisioning.Templates;

namespace Portal.Web.State;

/// <summary>Reads an environment's stored outputs (<c>OutputsJson</c>, secrets as <c>[secret]</c>) in the order a page shows them.</summary>
public static partial class EnvironmentOutputReader
{
    /// <summary>Highlighted outputs first, in manifest order with their labels, then the rest by name.</summary>
    public static IReadOnlyList<OutputItem> Read(string? outputsJson, EnvironmentTemplate? template)
    {
        var values = Parse(outputsJson);
        var highlighted = template?.HighlightedOutputs ?? [];
        var items = new List<OutputItem>();
        foreach (var output in highlighted.Where(h => values.ContainsKey(h.Name)))
        {
            items.Add(Item(output.Name, output.Label, values[output.Name], highlighted: true));
        }

        var highlightedNames = highlighted.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        items.AddRange(values.Where(v => !highlightedNames.Contains(v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => Item(v.Key, v.Key, v.Value, highlighted: false)));
        return items;
    }

    /// <summary>The highlighted outputs whose value is a DNS hostname (a load balancer's), for the dashboard.</summary>
    public static IReadOnlyList<string> Hostnames(string? outputsJson, EnvironmentTemplate? template) =>
        [.. Read(outputsJson, template).Where(o => o.IsHighlighted && !o.IsSecret && Hostname().IsMatch(o.Value)).Select(o => o.Value)];

    private static OutputItem Item(string name, string label, JsonNode? value, bool highlighted)
    {
        var text = value switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => value.ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
        };
        return new OutputItem(name, label, text, text == StackOutputValue.SecretPlaceholder, highlighted);
    }

    private static Dictionary<string, JsonNode?> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(json) is JsonObject o ? o.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    // At least two labels, letters first-level: "k8s-apps-web-1.elb.us-east-1.amazonaws.com"; no scheme, path or port.
    [GeneratedRegex(@"^(?=.{4,253}$)([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,63}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Hostname();
}
