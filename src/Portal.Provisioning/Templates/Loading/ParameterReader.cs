using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Portal.Provisioning.Templates.Loading;

/// <summary>Reads one entry of the manifest's <c>parameters</c> list and checks it against itself and <c>Pulumi.yaml</c>.</summary>
internal static partial class ParameterReader
{
    private static readonly Dictionary<string, TemplateParameterType> s_types = new(StringComparer.Ordinal)
    {
        ["string"] = TemplateParameterType.String,
        ["integer"] = TemplateParameterType.Integer,
        ["number"] = TemplateParameterType.Number,
        ["boolean"] = TemplateParameterType.Boolean,
        ["select"] = TemplateParameterType.Select,
        ["cluster"] = TemplateParameterType.Cluster,
    };

    /// <summary>The parameter as far as it could be read (so later checks can refer to it), or null without a name.
    /// Whether it is valid is told by the problems reported.</summary>
    public static TemplateParameter? Read(YamlFields fields, PulumiProject? project)
    {
        var name = fields.String("name", required: true);
        if (name is not null && !Identifier().IsMatch(name))
        {
            fields.Report("name", "must start with a letter and hold only letters and digits (it is used in forms and the API).");
        }

        var type = ReadType(fields);
        var secret = ReadSecret(fields, type);
        var configPath = fields.Boolean("configPath") ?? false;
        var configKey = ConfigKeyChecks.Read(fields, project, type, secret, configPath);
        var defaultText = fields.String("default");
        var pattern = Applies(fields, "pattern", type, TemplateParameterType.String) ? ReadPattern(fields) : null;
        var patternDescription = Applies(fields, "patternDescription", type, TemplateParameterType.String) ? fields.String("patternDescription") : null;
        if (patternDescription is not null && !fields.Has("pattern"))
        {
            fields.Report("patternDescription", "describes a pattern, but there is no pattern.");
        }

        var (minLength, maxLength) = ReadLengths(fields, type);
        var (minimum, maximum) = ReadRange(fields, type);
        var options = ReadOptions(fields, type);
        var immutable = fields.Boolean("immutable") ?? false;
        if (immutable && secret && type != TemplateParameterType.Cluster)
        {
            fields.Report("immutable", "cannot be set on a secret: its stored value is never read back to compare.");
        }

        // Every field is read before deciding anything, so none is reported as unknown for want of being asked for.
        var label = fields.String("label");
        var description = fields.String("description");
        var required = fields.Boolean("required") ?? defaultText is null;
        var parameter = name is null ? null : new TemplateParameter(
            name,
            label ?? name,
            description,
            type ?? TemplateParameterType.String,
            type == TemplateParameterType.Boolean && defaultText is not null && bool.TryParse(defaultText, out var flag) ? (flag ? "true" : "false") : defaultText,
            required,
            secret,
            configKey ?? "",
            configPath,
            pattern,
            patternDescription,
            minLength,
            maxLength,
            minimum,
            maximum,
            options,
            immutable);
        fields.ReportUnknownFields();
        if (parameter is not null && type is not null && defaultText is not null && CheckDefault(fields, parameter, defaultText))
        {
            ConfigKeyChecks.CheckDefaultAgrees(fields, project, parameter);
        }

        return parameter;
    }

    private static TemplateParameterType? ReadType(YamlFields fields)
    {
        var text = fields.String("type", required: true);
        if (text is null)
        {
            return null;
        }

        if (s_types.TryGetValue(text, out var type))
        {
            return type;
        }

        fields.Report("type", $"must be one of: {string.Join(", ", s_types.Keys)} (not '{text}').");
        return null;
    }

    // A cluster parameter's config key receives a kubeconfig, which is always a secret.
    private static bool ReadSecret(YamlFields fields, TemplateParameterType? type)
    {
        var secret = fields.Boolean("secret");
        if (type == TemplateParameterType.Cluster && secret == false)
        {
            fields.Report("secret", "cannot be false for a cluster parameter: its config key receives a kubeconfig.");
        }

        return secret ?? type == TemplateParameterType.Cluster;
    }

    private static string? ReadPattern(YamlFields fields)
    {
        var pattern = fields.String("pattern");
        if (pattern is null)
        {
            return null;
        }

        // The pattern is checked alone and as the binder anchors it, so a stray ')' cannot pair with the anchoring group.
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant);
            _ = new Regex($@"\A(?:{pattern})\z", RegexOptions.CultureInvariant);
            return pattern;
        }
        catch (ArgumentException ex)
        {
            fields.Report("pattern", $"is not a valid .NET regular expression: {ex.Message}");
            return null;
        }
    }

    private static (int? Min, int? Max) ReadLengths(YamlFields fields, TemplateParameterType? type)
    {
        var min = Applies(fields, "minLength", type, TemplateParameterType.String) ? fields.Integer("minLength") : null;
        var max = Applies(fields, "maxLength", type, TemplateParameterType.String) ? fields.Integer("maxLength") : null;
        if (min < 0)
        {
            fields.Report("minLength", "must not be negative.");
        }

        if (max < 0 || max < min)
        {
            fields.Report("maxLength", "must not be negative or less than minLength.");
        }

        return (min, max);
    }

    private static (double? Min, double? Max) ReadRange(YamlFields fields, TemplateParameterType? type)
    {
        var min = Applies(fields, "minimum", type, TemplateParameterType.Integer, TemplateParameterType.Number) ? fields.Number("minimum") : null;
        var max = Applies(fields, "maximum", type, TemplateParameterType.Integer, TemplateParameterType.Number) ? fields.Number("maximum") : null;
        if (max < min)
        {
            fields.Report("maximum", "must not be less than minimum.");
        }

        return (min, max);
    }

    private static List<string> ReadOptions(YamlFields fields, TemplateParameterType? type)
    {
        var options = new List<string>();
        if (type == TemplateParameterType.Select && fields.Node("options") is null or YamlSequenceNode { Children.Count: 0 })
        {
            fields.Report("options", "is required for a select: list at least one option.");
            return options;
        }

        if (!Applies(fields, "options", type, TemplateParameterType.Select))
        {
            return options;
        }

        foreach (var (index, option) in fields.Strings("options"))
        {
            if (options.Contains(option, StringComparer.Ordinal))
            {
                fields.Report($"options[{index}]", $"repeats the option '{option}'.");
            }
            else
            {
                options.Add(option);
            }
        }

        return options;
    }

    // A default must pass the same checks as a value typed by a user, or the form would start out invalid. True when it does.
    private static bool CheckDefault(YamlFields fields, TemplateParameter parameter, string text)
    {
        var shown = parameter.Secret ? "" : $" (the default is '{text}')";
        var value = ParameterValues.FromText(parameter.Type, text);
        var errors = value is null ? [ParameterValueRules.Expectation(parameter)] : ParameterValueRules.Check(parameter, value);
        foreach (var error in errors)
        {
            fields.Report("default", error + shown + ".");
        }

        return errors.Count == 0;
    }

    /// <summary>Whether the field is present and applies to the type; a field for another type is reported, not ignored.</summary>
    private static bool Applies(YamlFields fields, string key, TemplateParameterType? type, params TemplateParameterType[] types)
    {
        if (!fields.Has(key))
        {
            return false;
        }

        if (type is { } known && !types.Contains(known))
        {
            fields.Report(key, $"only applies to {string.Join(" and ", types.Select(t => t.ToString().ToLowerInvariant()))} parameters.");
            return false;
        }

        return true;
    }

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
