using System.Text.Json.Nodes;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Releases;

/// <summary>A template workload resolved against an environment's parameters: where its Deployment is.</summary>
/// <param name="Workload">The template's declaration.</param>
/// <param name="Namespace">The resolved namespace.</param>
/// <param name="Deployment">The resolved Deployment name.</param>
/// <param name="ImageParameter">For a pulumi-config workload, the parameter whose config key holds the image.</param>
public sealed record WorkloadTarget(TemplateWorkload Workload, string Namespace, string Deployment, TemplateParameter? ImageParameter)
{
    public string Container => Workload.Container;

    /// <summary>The strategy as the API and the release record spell it.</summary>
    public string StrategyName => Workload.Strategy == WorkloadReleaseStrategy.Patch ? "patch" : "pulumi-config";

    public static WorkloadTarget Resolve(EnvironmentTemplate template, TemplateWorkload workload, IReadOnlyDictionary<string, JsonNode?> parameters)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(workload);
        var imageParameter = workload.Strategy == WorkloadReleaseStrategy.PulumiConfig
            ? template.Parameters.FirstOrDefault(p => p.ConfigKey == workload.ImageConfigKey)
            : null;
        return new WorkloadTarget(workload, EnvironmentScope.Resolve(workload.Namespace, parameters), EnvironmentScope.Resolve(workload.Deployment, parameters), imageParameter);
    }
}
