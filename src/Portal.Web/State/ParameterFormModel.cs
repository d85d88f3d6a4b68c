using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Provisioning.Templates;

namespace Portal.Web.State;

/// <summary>
/// The values of a form generated from a template's parameters, one typed slot per parameter so inputs bind without
/// parsing, and the JSON the environment service takes (strict types: integers as numbers, booleans as booleans).
/// </summary>
public sealed class ParameterFormModel
{
    private ParameterFormModel(EnvironmentTemplate template, bool isUpdate)
    {
        Template = template;
        IsUpdate = isUpdate;
    }

    public EnvironmentTemplate Template { get; }

    /// <summary>Editing an existing environment: secrets start empty (empty keeps the stored value), immutables are read-only.</summary>
    public bool IsUpdate { get; }

    /// <summary>String, select, cluster and secret values.</summary>
    public Dictionary<string, string?> Text { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long?> Integers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double?> Numbers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, bool> Booleans { get; } = new(StringComparer.Ordinal);

    // On a settings form: the parameters that had a value when the form opened (emptying one of them clears it).
    private readonly HashSet<string> _stored = new(StringComparer.Ordinal);

    /// <summary>A create form: every field holds the manifest's default.</summary>
    public static ParameterFormModel ForCreate(EnvironmentTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var model = new ParameterFormModel(template, isUpdate: false);
        foreach (var parameter in template.Parameters)
        {
            model.Set(parameter, parameter.Default is null ? null : JsonValue.Create(parameter.Default));
        }

        return model;
    }

    /// <summary>A settings form: the environment's stored values; secrets empty.</summary>
    public static ParameterFormModel ForUpdate(EnvironmentTemplate template, IReadOnlyDictionary<string, JsonNode?> current)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(current);
        var model = new ParameterFormModel(template, isUpdate: true);
        foreach (var parameter in template.Parameters)
        {
            var secret = parameter.HasSecretValue;
            var value = secret ? null : current.GetValueOrDefault(parameter.Name);
            model.Set(parameter, value);
            if (value is not null)
            {
                model._stored.Add(parameter.Name);
            }
        }

        return model;
    }

    /// <summary>True when the field cannot be edited on this form.</summary>
    public bool IsReadOnly(TemplateParameter parameter) => IsUpdate && parameter.Immutable;

    /// <summary>
    /// True when the field may be emptied to mean something: an optional parameter that the user enters (not a switch,
    /// not a secret, whose empty field keeps the stored value) and that is editable here. A select or cluster dropdown
    /// offers its clear button exactly then.
    /// </summary>
    public bool CanClear(TemplateParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return !parameter.Required && !parameter.HasSecretValue && parameter.Type != TemplateParameterType.Boolean && !IsReadOnly(parameter);
    }

    /// <summary>What an empty field that may be emptied shows in its place: "(unset)" on a settings form, the default on create.</summary>
    public string? EmptyPlaceholder(TemplateParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!CanClear(parameter))
        {
            return null;
        }

        return IsUpdate ? Components.Shared.ParameterValueText.UnsetText : parameter.Default is { } defaultValue ? $"Default: {defaultValue}" : null;
    }

    /// <summary>
    /// What an empty field means, for the field's helper text, or null when emptying it is not possible or says nothing
    /// new. On create an empty field is left out and the template's default is used; on a settings form an emptied field
    /// unsets the parameter (see <see cref="ToJson"/>): its config key is removed and the template's default applies.
    /// </summary>
    public string? ClearHint(TemplateParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!CanClear(parameter))
        {
            return null;
        }

        return (IsUpdate, parameter.Default) switch
        {
            (false, { } defaultValue) => $"Empty: the default ({defaultValue}) is used.",
            (false, null) => null,
            (true, { } defaultValue) => $"Empty: not set, so the template's default ({defaultValue}) applies.",
            (true, null) => "Empty: not set; the template has no default, so the program decides.",
        };
    }

    /// <summary>The values to submit. Empty fields are left out ("not given": the default applies on create, the stored
    /// value on update), except a field emptied on a settings form, which is sent as JSON null: the value is cleared
    /// (and a required parameter says so at the field). Read-only fields are left out too, so they keep their value.</summary>
    public Dictionary<string, JsonElement> ToJson()
    {
        var json = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var parameter in Template.Parameters.Where(p => !IsReadOnly(p)))
        {
            object? value = parameter.Type switch
            {
                TemplateParameterType.Integer => Integers.GetValueOrDefault(parameter.Name),
                TemplateParameterType.Number => Numbers.GetValueOrDefault(parameter.Name),
                TemplateParameterType.Boolean => Booleans.GetValueOrDefault(parameter.Name),
                _ => Text.GetValueOrDefault(parameter.Name) is { Length: > 0 } text ? text : null,
            };
            if (value is not null)
            {
                json[parameter.Name] = JsonSerializer.SerializeToElement(value);
            }
            else if (_stored.Contains(parameter.Name))
            {
                json[parameter.Name] = JsonSerializer.SerializeToElement<object?>(null);
            }
        }

        return json;
    }

    private void Set(TemplateParameter parameter, JsonNode? value)
    {
        var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString();
        switch (parameter.Type)
        {
            case TemplateParameterType.Integer:
                Integers[parameter.Name] = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) ? integer : null;
                break;
            case TemplateParameterType.Number:
                Numbers[parameter.Name] = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
                break;
            case TemplateParameterType.Boolean:
                Booleans[parameter.Name] = bool.TryParse(text, out var boolean) && boolean;
                break;
            default:
                Text[parameter.Name] = text;
                break;
        }
    }
}
