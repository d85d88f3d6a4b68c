using Portal.Data.Entities;
using YamlDotNet.RepresentationModel;

namespace Portal.Provisioning.Templates.Loading;

/// <summary>Reads a template's <c>portal.yaml</c> into an <see cref="EnvironmentTemplate"/>, reporting every problem.</summary>
internal static class ManifestReader
{
    public const string FileName = "portal.yaml";

    private static readonly Dictionary<string, EnvironmentClass> s_classes = new(StringComparer.Ordinal)
    {
        ["development"] = EnvironmentClass.Development,
        ["staging"] = EnvironmentClass.Staging,
        ["production"] = EnvironmentClass.Production,
        ["ephemeral"] = EnvironmentClass.Ephemeral,
    };

    /// <summary>The template as far as it could be read, or null when the file is missing or unusable. It is valid only
    /// when nothing was reported. With no <paramref name="project"/> (a broken Pulumi.yaml) the checks against it are skipped.</summary>
    public static EnvironmentTemplate? Read(string name, string directory, PulumiProject? project, ProblemReporter problems)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            problems.Report("", $"is missing: it declares the template's form, outputs and workloads ({FileName} beside {PulumiProjectReader.FileName}).");
            return null;
        }

        var root = YamlDocumentReader.ReadMapping(path, problems);
        if (root is null)
        {
            return null;
        }

        var fields = new YamlFields(root, "", problems);
        var displayName = fields.String("displayName", required: true);
        var description = fields.String("description") ?? "";
        var classes = ReadClasses(fields);
        var parameters = ReadParameters(fields, project);
        var (kubeconfig, highlights) = OutputsReader.Read(fields, project);
        var workloads = WorkloadReader.ReadAll(fields, parameters);
        fields.ReportUnknownFields();
        return displayName is null || project is null
            ? null
            : new EnvironmentTemplate(name, displayName, description, directory, project.Name, parameters, classes, kubeconfig, highlights, workloads);
    }

    private static List<EnvironmentClass> ReadClasses(YamlFields fields)
    {
        switch (fields.Node("classes"))
        {
            case null:
                return [.. s_classes.Values];
            case YamlSequenceNode { Children.Count: 0 }:
                fields.Report("classes", "must list at least one class, or be left out to allow every class.");
                return [];
        }

        var classes = new List<EnvironmentClass>();
        foreach (var (index, text) in fields.Strings("classes"))
        {
            if (!s_classes.TryGetValue(text, out var environmentClass))
            {
                fields.Report($"classes[{index}]", $"must be one of: {string.Join(", ", s_classes.Keys)} (not '{text}').");
            }
            else if (!classes.Contains(environmentClass))
            {
                classes.Add(environmentClass);
            }
        }

        return classes;
    }

    // Names and config keys must be unique: the form and the API address parameters by name, and two parameters
    // setting one config key would overwrite each other.
    private static List<TemplateParameter> ReadParameters(YamlFields fields, PulumiProject? project)
    {
        var parameters = new List<TemplateParameter>();
        var paths = new List<string>();
        var items = fields.Mappings("parameters");
        for (var i = 0; i < items.Count; i++)
        {
            var parameter = ParameterReader.Read(items[i], project);
            if (parameter is null)
            {
                continue;
            }

            var sameName = parameters.FindIndex(p => p.Name == parameter.Name);
            var sameKey = parameters.FindIndex(p => p.ConfigKey.Length > 0 && p.ConfigKey == parameter.ConfigKey);
            if (sameName >= 0)
            {
                items[i].Report("name", $"'{parameter.Name}' is already the name of {paths[sameName]}.");
            }

            if (sameKey >= 0)
            {
                items[i].Report("configKey", $"'{parameter.ConfigKey}' is already set by {paths[sameKey]}.");
            }

            parameters.Add(parameter);
            paths.Add(items[i].Path);
        }

        return parameters;
    }
}
