namespace Portal.Provisioning.Templates;

/// <summary>A Deployment the portal can release new images to. Namespace and Deployment may reference parameters as
/// <c>${parameterName}</c>, resolved against the environment's parameter values.</summary>
/// <param name="Name">Identifier shown in the UI and used by the API.</param>
/// <param name="Namespace">Kubernetes namespace (may reference a parameter).</param>
/// <param name="Deployment">Deployment name (may reference a parameter).</param>
/// <param name="Container">The container whose image is released.</param>
/// <param name="Strategy">How a release is made.</param>
/// <param name="ImageConfigKey">PulumiConfig: the config key holding the full image reference.</param>
public sealed record TemplateWorkload(
    string Name,
    string Namespace,
    string Deployment,
    string Container,
    WorkloadReleaseStrategy Strategy,
    string? ImageConfigKey);
