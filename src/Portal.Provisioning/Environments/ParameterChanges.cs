using System.Text.Json.Nodes;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Environments;

/// <summary>Compares stored and proposed parameters for previews and audit entries.</summary>
public static class ParameterChanges
{
    public static IReadOnlyList<ParameterChange> Compare(
        EnvironmentTemplate template,
        IReadOnlyDictionary<string, JsonNode?> before,
        IReadOnlyDictionary<string, JsonNode?> after,
        IEnumerable<string> changedSecrets)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var secrets = changedSecrets.ToHashSet(StringComparer.Ordinal);
        var changes = new List<ParameterChange>();
        foreach (var parameter in template.Parameters)
        {
            if (parameter.HasSecretValue)
            {
                if (secrets.Contains(parameter.Name))
                {
                    changes.Add(new ParameterChange(parameter.Name, parameter.Label, null, null, Secret: true));
                }

                continue;
            }

            var old = before.GetValueOrDefault(parameter.Name);
            var proposed = after.GetValueOrDefault(parameter.Name);
            if (!JsonNode.DeepEquals(old, proposed))
            {
                changes.Add(new ParameterChange(parameter.Name, parameter.Label, Display(old), Display(proposed), Secret: false));
            }
        }

        return changes;
    }

    private static string? Display(JsonNode? value) =>
        value is null ? null : value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();
}
