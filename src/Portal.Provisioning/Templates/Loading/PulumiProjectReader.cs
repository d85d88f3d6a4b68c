using YamlDotNet.RepresentationModel;

namespace Portal.Provisioning.Templates.Loading;

/// <summary>Reads the parts of <c>Pulumi.yaml</c> the manifest refers to. The program's own fields are Pulumi's business,
/// so unknown fields are not reported here.</summary>
internal static class PulumiProjectReader
{
    public const string FileName = "Pulumi.yaml";

    /// <summary>The project, or null when the file is missing or unusable (the problems say why).</summary>
    public static PulumiProject? Read(string templateDirectory, ProblemReporter problems)
    {
        var path = Path.Combine(templateDirectory, FileName);
        if (!File.Exists(path))
        {
            problems.Report("", "is missing: every template is a Pulumi YAML program.");
            return null;
        }

        var root = YamlDocumentReader.ReadMapping(path, problems);
        if (root is null)
        {
            return null;
        }

        var fields = new YamlFields(root, "", problems);
        var name = fields.String("name", required: true);
        ReadRuntime(fields);
        var outputs = ReadOutputNames(fields);
        if (name is null)
        {
            return null;
        }

        // "configuration" is the older name of the block in YAML programs; both declare keys.
        var config = new Dictionary<string, PulumiConfigDeclaration>(StringComparer.Ordinal);
        var project = new PulumiProject(name, config, outputs);
        foreach (var (key, declaration) in ReadConfig(fields, "config").Concat(ReadConfig(fields, "configuration")))
        {
            config.TryAdd(project.Normalize(key), declaration);
        }

        return project;
    }

    // The portal runs programs without a language SDK, so only the YAML runtime will do (short or long form).
    private static void ReadRuntime(YamlFields fields)
    {
        var runtime = fields.Node("runtime") switch
        {
            YamlScalarNode scalar => scalar.Value,
            YamlMappingNode mapping => Scalar(mapping, "name"),
            _ => null,
        };
        if (runtime != "yaml")
        {
            fields.Report("runtime", runtime is null ? "is required and must be 'yaml'." : $"must be 'yaml', not '{runtime}': the portal runs programs without a language SDK.");
        }
    }

    // Pulumi accepts a declaration ({ type, default, secret }) or a bare default value.
    private static List<KeyValuePair<string, PulumiConfigDeclaration>> ReadConfig(YamlFields fields, string block)
    {
        var declarations = new List<KeyValuePair<string, PulumiConfigDeclaration>>();
        if (fields.Node(block) is not YamlMappingNode mapping)
        {
            return declarations;
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                continue;
            }

            declarations.Add(new(name, value switch
            {
                YamlMappingNode declaration => new PulumiConfigDeclaration(
                    Scalar(declaration, "type"), Scalar(declaration, "secret") is "true" or "True", Scalar(declaration, "default")),
                YamlScalarNode bare => new PulumiConfigDeclaration(null, Secret: false, bare.Value),
                _ => new PulumiConfigDeclaration(null, Secret: false),
            }));
        }

        return declarations;
    }

    private static HashSet<string> ReadOutputNames(YamlFields fields)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        switch (fields.Node("outputs"))
        {
            case YamlMappingNode mapping:
                names.UnionWith(mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? ""));
                break;
            case not null:
                fields.Report("outputs", "must be a mapping of output names to values.");
                break;
        }

        return names;
    }

    private static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: var k } && k == key).Value is YamlScalarNode { Value: var v } ? v : null;
}
