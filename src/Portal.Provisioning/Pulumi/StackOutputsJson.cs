using System.Text.Json.Nodes;

namespace Portal.Provisioning.Pulumi;

/// <summary>Stack outputs in the form that may be stored or shown: secrets as the <c>[secret]</c> placeholder.</summary>
public static class StackOutputsJson
{
    public static JsonObject ToMaskedJson(IReadOnlyDictionary<string, StackOutputValue> outputs)
    {
        var json = new JsonObject();
        foreach (var (name, output) in outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            json[name] = output.IsSecret ? JsonValue.Create(StackOutputValue.SecretPlaceholder) : JsonNode.Parse(output.Value.GetRawText());
        }

        return json;
    }
}
