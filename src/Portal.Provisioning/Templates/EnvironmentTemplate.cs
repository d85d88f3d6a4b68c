using Portal.Data.Entities;

namespace Portal.Provisioning.Templates;

/// <summary>A loaded, valid template: a Pulumi YAML program plus the portal manifest (<c>portal.yaml</c>) beside it.</summary>
/// <param name="Name">The folder name; what environments and the API refer to (e.g. <c>eks-environment</c>).</param>
/// <param name="DisplayName">Shown on the create form.</param>
/// <param name="Description">One or two sentences on what the template builds.</param>
/// <param name="ProgramDirectory">Absolute path of the folder holding <c>Pulumi.yaml</c>.</param>
/// <param name="ProjectName">The <c>name</c> in <c>Pulumi.yaml</c>.</param>
/// <param name="Parameters">The create form's fields, in manifest order.</param>
/// <param name="Classes">The environment classes this template may be used for.</param>
/// <param name="KubeconfigOutput">The stack output holding the kubeconfig of the cluster its workloads run on, if any.</param>
/// <param name="HighlightedOutputs">Outputs shown first (load balancer DNS, registry URL…).</param>
/// <param name="Workloads">Deployments that can be released (issue 6).</param>
public sealed record EnvironmentTemplate(
    string Name,
    string DisplayName,
    string Description,
    string ProgramDirectory,
    string ProjectName,
    IReadOnlyList<TemplateParameter> Parameters,
    IReadOnlyList<EnvironmentClass> Classes,
    string? KubeconfigOutput,
    IReadOnlyList<HighlightedOutput> HighlightedOutputs,
    IReadOnlyList<TemplateWorkload> Workloads)
{
    public TemplateParameter? FindParameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);
}
