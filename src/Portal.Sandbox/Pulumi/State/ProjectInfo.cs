using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>Pulumi.yaml: the project name and, for <c>runtime: yaml</c>, the program itself.</summary>
internal sealed record ProjectInfo(string FilePath, string Name, JsonObject Document)
{
    public string Directory => Path.GetDirectoryName(FilePath)!;

    public static ProjectInfo Load(string file)
    {
        if (YamlJson.Parse(File.ReadAllText(file)) is not JsonObject document)
        {
            throw new CliException($"could not read {file}: not a YAML mapping");
        }

        var name = document["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            throw new CliException("project names may not be empty");
        }

        var runtime = document["runtime"] switch
        {
            JsonValue v => v.GetValue<string>(),
            JsonObject o => o["name"]?.GetValue<string>(),
            _ => null,
        };
        if (runtime != "yaml")
        {
            throw new CliException($"the sandbox pulumi CLI runs only Pulumi YAML programs (runtime: yaml), not '{runtime}'");
        }

        ValidateConfigDeclarations(file, name, document);
        return new ProjectInfo(file, name, document);
    }

    /// <summary>
    /// The real CLI's checks on the project's <c>config</c> block that programs most often trip: a key of another namespace
    /// (<c>aws:region</c>) is a plain value for that provider, not a typed parameter of this project.
    /// </summary>
    private static void ValidateConfigDeclarations(string file, string project, JsonObject document)
    {
        if ((document["config"] ?? document["configuration"]) is not JsonObject declarations)
        {
            return;
        }

        foreach (var (key, declaration) in declarations)
        {
            if (!key.Contains(':', StringComparison.Ordinal) || key.StartsWith(project + ":", StringComparison.Ordinal) || declaration is not JsonObject body)
            {
                continue;
            }

            if (body.ContainsKey("type"))
            {
                throw new CliException($"could not unmarshal '{file}': Configuration key '{key}' is not namespaced by the project and should not define a type");
            }

            if (body.ContainsKey("default"))
            {
                throw new CliException($"could not unmarshal '{file}': Configuration key '{key}' is not namespaced by the project and should not define a default value. " +
                    "Did you mean to use the 'value' attribute instead of 'default'?");
            }
        }
    }
}
