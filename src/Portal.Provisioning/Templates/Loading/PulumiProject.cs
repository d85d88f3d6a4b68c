namespace Portal.Provisioning.Templates.Loading;

/// <summary>What the manifest is checked against in a template's <c>Pulumi.yaml</c>.</summary>
/// <param name="Name">The project name.</param>
/// <param name="Config">Declared config keys, without the project's own namespace (<c>nodeCount</c>, <c>aws:region</c>).</param>
/// <param name="Outputs">The names of the program's outputs.</param>
internal sealed record PulumiProject(string Name, IReadOnlyDictionary<string, PulumiConfigDeclaration> Config, IReadOnlySet<string> Outputs)
{
    /// <summary>The key as declared: the project's own namespace is implied (<c>eks-environment:nodeCount</c> is <c>nodeCount</c>).</summary>
    public string Normalize(string configKey) =>
        configKey.StartsWith(Name + ":", StringComparison.Ordinal) ? configKey[(Name.Length + 1)..] : configKey;
}
