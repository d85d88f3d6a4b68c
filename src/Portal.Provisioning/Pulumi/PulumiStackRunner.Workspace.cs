using YamlDotNet.RepresentationModel;

namespace Portal.Provisioning.Pulumi;

/// <summary>The per-environment workspace folder: the template program copied next to the stack's settings.</summary>
public sealed partial class PulumiStackRunner
{
    public async Task<StackWorkspace> PrepareWorkspaceAsync(string environmentName, string stackName, string programDirectory, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(environmentName) || environmentName.IndexOfAny(['/', '\\']) >= 0 || environmentName is "." or "..")
        {
            throw new ArgumentException($"'{environmentName}' is not a valid workspace folder name.", nameof(environmentName));
        }

        var source = Path.GetFullPath(programDirectory);
        var projectFile = Path.Combine(source, "Pulumi.yaml");
        if (!File.Exists(projectFile))
        {
            throw new FileNotFoundException($"The program directory '{source}' has no Pulumi.yaml.", projectFile);
        }

        var target = Path.Combine(_options.WorkDirectoryRoot!, environmentName);
        await CopyProgramAsync(source, target, cancellationToken);
        var projectName = await ReadProjectNameAsync(Path.Combine(target, "Pulumi.yaml"), cancellationToken);
        return new StackWorkspace(target, projectName, stackName);
    }

    private static async Task CopyProgramAsync(string source, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var destination = Path.Combine(target, relative);

            // Stack settings (Pulumi.<stack>.yaml) belong to the workspace once it exists: config set writes them.
            var isStackSettings = Path.GetDirectoryName(relative) == "" && relative.StartsWith("Pulumi.", StringComparison.Ordinal)
                && relative != "Pulumi.yaml" && relative.EndsWith(".yaml", StringComparison.Ordinal);
            if (isStackSettings && File.Exists(destination))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            await using var input = File.OpenRead(file);
            await using var output = File.Create(destination);
            await input.CopyToAsync(output, cancellationToken);
        }
    }

    private static async Task<string> ReadProjectNameAsync(string projectFile, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(projectFile, cancellationToken);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count > 0
            && stream.Documents[0].RootNode is YamlMappingNode root
            && root.Children.TryGetValue(new YamlScalarNode("name"), out var name)
            && name is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        throw new InvalidOperationException($"{projectFile} has no project name.");
    }
}
