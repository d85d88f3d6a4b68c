using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Provisioning.Templates;

/// <summary>Checks parameter input from the API or the create form against a template and types it, so nothing invalid
/// reaches <c>pulumi config set</c>. Every problem is reported at once, keyed <c>parameters.&lt;name&gt;</c>.</summary>
public static class TemplateParameterBinder
{
    /// <param name="template">The template whose parameters the input is for.</param>
    /// <param name="input">Values by parameter name. A missing name means "not given". On create a JSON null or an empty
    /// string means "not given" too (the default applies); on an update they clear the stored value of an optional,
    /// mutable, non-secret parameter (its config key is then removed), and are refused for a required one.</param>
    /// <param name="current">On an update, the environment's stored values (<see cref="ParameterBindingResult.Values"/> of the
    /// last binding): what is not given keeps its value, and immutable parameters may not change. Null on create.</param>
    public static ParameterBindingResult Bind(
        EnvironmentTemplate template,
        IReadOnlyDictionary<string, JsonElement> input,
        IReadOnlyDictionary<string, JsonNode?>? current = null)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        foreach (var name in input.Keys.Where(name => template.FindParameter(name) is null))
        {
            errors[Key(name)] = [$"is not a parameter of template '{template.Name}'."];
        }

        foreach (var parameter in template.Parameters)
        {
            var given = Given(parameter, input, out var typeError, out var cleared);
            var problems = typeError is not null ? [typeError] : BindOne(parameter, given, cleared, current, values, secrets);
            if (problems.Count > 0)
            {
                errors[Key(parameter.Name)] = [.. problems.Select(p => p + ".")];
            }
        }

        return new ParameterBindingResult(values, secrets, errors);
    }

    /// <summary>The value as <c>pulumi config set</c> takes it: invariant culture, booleans <c>true</c>/<c>false</c>.</summary>
    /// <exception cref="ArgumentException">The value is null or not of the parameter's type.</exception>
    public static string ToConfigString(TemplateParameter p, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (value is null)
        {
            throw new ArgumentException($"Parameter '{p.Name}' has no value to set; leave its config key unset instead.", nameof(value));
        }

        // Numbers go through their JSON text, which is invariant whatever CLR type backs the node (stored values are
        // read back from JSON, bound ones are long or double).
        var kind = value.GetValueKind();
        var json = value.ToJsonString();
        return (p.Type, kind) switch
        {
            (TemplateParameterType.Boolean, JsonValueKind.True) => "true",
            (TemplateParameterType.Boolean, JsonValueKind.False) => "false",
            (TemplateParameterType.Integer, JsonValueKind.Number) when long.TryParse(json, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) =>
                integer.ToString(CultureInfo.InvariantCulture),
            (TemplateParameterType.Number, JsonValueKind.Number) => double.Parse(json, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
            (TemplateParameterType.String or TemplateParameterType.Select or TemplateParameterType.Cluster, JsonValueKind.String) => value.GetValue<string>(),
            // The value itself stays out of the message: it may be a secret.
            _ => throw new ArgumentException($"Parameter '{p.Name}' is {p.Type}, but the value is a JSON {kind}.", nameof(value)),
        };
    }

    private static List<string> BindOne(
        TemplateParameter parameter,
        JsonNode? given,
        bool cleared,
        IReadOnlyDictionary<string, JsonNode?>? current,
        Dictionary<string, JsonNode?> values,
        Dictionary<string, string> secrets)
    {
        var problems = given is null ? [] : ParameterValueRules.Check(parameter, given).ToList();
        if (problems.Count > 0)
        {
            return problems;
        }

        // The value of a secret is never stored where it can be read back, so on an update an absent secret keeps
        // its stored value. A cluster parameter's value is only an environment name: the secret is the kubeconfig
        // the service resolves from it, so the name is kept with the other values.
        if (parameter.HasSecretValue)
        {
            var secret = given ?? (current is null ? Default(parameter) : null);
            if (secret is not null)
            {
                secrets[parameter.Name] = ToConfigString(parameter, secret);
            }
            else if (current is null && parameter.Required)
            {
                problems.Add("is required");
            }

            return problems;
        }

        JsonNode? stored = null;
        var hasStored = current is not null && current.TryGetValue(parameter.Name, out stored);
        // On an update an explicit null (or empty text) clears the value; otherwise what is not given keeps the stored one.
        var value = given ?? (cleared && current is not null ? null : hasStored ? stored?.DeepClone() : Default(parameter));
        if (ParameterValues.IsEmpty(value) && parameter.Required)
        {
            problems.Add("is required");
        }
        else if (hasStored && parameter.Immutable && !JsonNode.DeepEquals(stored, value))
        {
            problems.Add("cannot be changed after creation");
        }
        else
        {
            values[parameter.Name] = value;
        }

        return problems;
    }

    // The input's value, or null when it is missing, JSON null or (for text) empty. <paramref name="cleared"/> tells the
    // last two apart from a missing name: given, but with no value.
    private static JsonNode? Given(TemplateParameter parameter, IReadOnlyDictionary<string, JsonElement> input, out string? typeError, out bool cleared)
    {
        typeError = null;
        cleared = false;
        if (!input.TryGetValue(parameter.Name, out var element))
        {
            return null;
        }

        if (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            cleared = true;
            return null;
        }

        var value = ParameterValues.FromJson(parameter, element, out typeError);
        cleared = typeError is null && ParameterValues.IsEmpty(value);
        return ParameterValues.IsEmpty(value) ? null : value;
    }

    private static JsonNode? Default(TemplateParameter parameter) =>
        parameter.Default is null ? null : ParameterValues.FromText(parameter.Type, parameter.Default);

    private static string Key(string name) => "parameters." + name;
}
