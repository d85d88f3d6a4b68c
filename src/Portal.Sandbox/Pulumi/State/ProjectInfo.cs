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

        return new ProjectInfo(file, name, document);
    }
}
