using System.Text.RegularExpressions;

namespace Portal.Provisioning.Templates.Loading;

/// <summary>Checks a parameter's <c>configKey</c>: its form, and that the program declares it with a compatible type,
/// secrecy and default. Keys in another namespace (<c>aws:region</c>) belong to providers, which accept them undeclared.</summary>
internal static partial class ConfigKeyChecks
{
    public static string? Read(YamlFields fields, PulumiProject? project, TemplateParameterType? type, bool secret, bool configPath)
    {
        var configKey = fields.String("configKey", required: true);
        if (configKey is null)
        {
            return null;
        }

        if (!ConfigKey().IsMatch(configKey))
        {
            fields.Report("configKey", $"must be a Pulumi config key, 'key' or 'namespace:key' (not '{configKey}').");
            return configKey;
        }

        var key = project?.Normalize(configKey);
        if (project is null || key is null || key.Contains(':', StringComparison.Ordinal))
        {
            return configKey;
        }

        // With --path the key is a path into an object (app.imageTag, app.ports[0]); its first segment is declared.
        var declared = configPath ? key.Split('.', '[')[0] : key;
        if (!project.Config.TryGetValue(declared, out var declaration))
        {
            fields.Report("configKey", $"'{declared}' is not declared in the config block of {PulumiProjectReader.FileName}.");
            return configKey;
        }

        if (!configPath)
        {
            CheckAgainstDeclaration(fields, declared, declaration, type, secret);
        }

        return configKey;
    }

    private static void CheckAgainstDeclaration(YamlFields fields, string key, PulumiConfigDeclaration declaration, TemplateParameterType? type, bool secret)
    {
        var declaredType = declaration.Type?.ToLowerInvariant();
        if ((declaredType == "integer" && type is not (null or TemplateParameterType.Integer))
            || (declaredType == "boolean" && type is not (null or TemplateParameterType.Boolean)))
        {
            fields.Report("type", $"does not fit config key '{key}', which {PulumiProjectReader.FileName} declares as {declaredType}.");
        }

        // Otherwise the portal would store and show, as a plain value, what the program treats as a secret.
        if (declaration.Secret && !secret)
        {
            fields.Report("secret", $"must be true: {PulumiProjectReader.FileName} declares config key '{key}' secret.");
        }
    }

    /// <summary>
    /// A cleared parameter removes its key, and the program falls back to its own default: the form says the manifest's
    /// default applies then, which is only true when the two agree. Called once the default is known to be valid.
    /// </summary>
    public static void CheckDefaultAgrees(YamlFields fields, PulumiProject? project, TemplateParameter parameter)
    {
        var key = project?.Normalize(parameter.ConfigKey);
        if (project is null || parameter.Default is not { } manifestDefault || parameter.ConfigPath || key is null || key.Contains(':', StringComparison.Ordinal)
            || !project.Config.TryGetValue(key, out var declaration) || declaration.Default is not { } programDefault
            || SameValue(manifestDefault, programDefault, parameter.Type))
        {
            return;
        }

        var values = parameter.Secret ? "" : $" ('{manifestDefault}' here, '{programDefault}' there)";
        fields.Report("default", $"differs from the default of config key '{key}' in {PulumiProjectReader.FileName}{values}; "
            + "a cleared parameter gets the program's default, so the two must agree.");
    }

    private static bool SameValue(string manifest, string program, TemplateParameterType? type) => type switch
    {
        TemplateParameterType.Boolean => bool.TryParse(manifest, out var a) && bool.TryParse(program, out var b) ? a == b : manifest == program,
        TemplateParameterType.Integer => long.TryParse(manifest, out var a) && long.TryParse(program, out var b) ? a == b : manifest == program,
        _ => string.Equals(manifest, program, StringComparison.Ordinal),
    };

    [GeneratedRegex("""^(?:[A-Za-z0-9_.-]+:)?[A-Za-z_][A-Za-z0-9_.\-\[\]"]*$""", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigKey();
}
