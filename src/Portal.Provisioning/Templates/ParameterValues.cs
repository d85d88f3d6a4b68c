using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Provisioning.Templates;

/// <summary>Turns JSON input and manifest defaults into typed parameter values: strict types, no guessing
/// (<c>"3"</c> is not an integer, <c>3</c> is not a string).</summary>
internal static class ParameterValues
{
    /// <summary>The value of a JSON input, or null with <paramref name="error"/> set when its JSON type is wrong.</summary>
    public static JsonNode? FromJson(TemplateParameter parameter, JsonElement element, out string? error)
    {
        error = null;
        switch (parameter.Type)
        {
            case TemplateParameterType.Integer when element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var integer):
                return JsonValue.Create(integer);
            case TemplateParameterType.Number when element.ValueKind == JsonValueKind.Number && double.IsFinite(element.GetDouble()):
                return JsonValue.Create(element.GetDouble());
            case TemplateParameterType.Boolean when element.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(element.GetBoolean());
            case TemplateParameterType.String or TemplateParameterType.Select or TemplateParameterType.Cluster when element.ValueKind == JsonValueKind.String:
                return JsonValue.Create(element.GetString()!);
            default:
                error = ParameterValueRules.Expectation(parameter);
                return null;
        }
    }

    /// <summary>The value of a manifest default (written as a user would type it), or null when it is not of the parameter's type.</summary>
    public static JsonNode? FromText(TemplateParameterType type, string text) => type switch
    {
        TemplateParameterType.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) ? JsonValue.Create(integer) : null,
        TemplateParameterType.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? JsonValue.Create(number) : null,
        TemplateParameterType.Boolean => bool.TryParse(text, out var boolean) ? JsonValue.Create(boolean) : null,
        _ => JsonValue.Create(text),
    };

    /// <summary>Strings, selects and clusters count an empty string as not given, as an empty form field is.</summary>
    public static bool IsEmpty(JsonNode? value) => value is null || (value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length == 0);
}
