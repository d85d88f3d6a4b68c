using System.Text.Json.Nodes;
using Portal.Data.Entities;

namespace Portal.Provisioning.Environments;

/// <summary>Reads and writes <see cref="EnvironmentRecord.ParametersJson"/>: non-secret values by parameter name.</summary>
public static class EnvironmentParameters
{
    public static IReadOnlyDictionary<string, JsonNode?> Read(EnvironmentRecord environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Read(environment.ParametersJson);
    }

    public static IReadOnlyDictionary<string, JsonNode?> Read(string? json) =>
        (json is null ? null : JsonNode.Parse(json) as JsonObject) is { } values
            ? values.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal)
            : new Dictionary<string, JsonNode?>(StringComparer.Ordinal);

    public static JsonObject ToJson(IReadOnlyDictionary<string, JsonNode?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var json = new JsonObject();
        foreach (var (name, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            json[name] = value?.DeepClone();
        }

        return json;
    }
}
