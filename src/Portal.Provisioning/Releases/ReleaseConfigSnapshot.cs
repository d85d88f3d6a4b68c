using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Provisioning.Releases;

/// <summary>
/// The <see cref="Data.Entities.ReleaseRecord.ConfigJson"/> format: <c>{"parameters":{…non-secret values…},
/// "secrets":{"name":"2026-11-21T10:00:00+00:00"}}</c>; a secret is known only by when it was last set.
/// </summary>
public static class ReleaseConfigSnapshot
{
    public static string ToJson(JsonObject parameters, IReadOnlyDictionary<string, DateTimeOffset> secretsSetAt)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(secretsSetAt);
        var secrets = new JsonObject();
        foreach (var (name, setAt) in secretsSetAt.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            secrets[name] = setAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        // A parameter without a value (cleared, or optional and never given) is absent from the stack's config: absent here too.
        var values = new JsonObject();
        foreach (var (name, value) in parameters.Where(p => p.Value is not null))
        {
            values[name] = value!.DeepClone();
        }

        return new JsonObject { ["parameters"] = values, ["secrets"] = secrets }.ToJsonString();
    }

    /// <summary>Parameter values as display text, and secret names with their set time.</summary>
    public static (IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, string> Secrets) Read(string? json)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json) || JsonNode.Parse(json) is not JsonObject root)
        {
            return (parameters, secrets);
        }

        if (root["parameters"] is JsonObject values)
        {
            // Snapshots written before cleared parameters were left out hold them as null: absent all the same.
            foreach (var (name, value) in values.Where(p => p.Value is not null && p.Value.GetValueKind() != JsonValueKind.Null))
            {
                parameters[name] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value!.ToJsonString();
            }
        }

        if (root["secrets"] is JsonObject setTimes)
        {
            foreach (var (name, value) in setTimes)
            {
                secrets[name] = value?.ToString() ?? "";
            }
        }

        return (parameters, secrets);
    }
}
