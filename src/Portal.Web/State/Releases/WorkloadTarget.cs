using Portal.Data.Entities;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Templates;

namespace Portal.Web.State.Releases;

/// <summary>A template workload of one environment, its <c>${parameter}</c> references resolved: where its Deployment is.</summary>
public sealed record WorkloadTarget(string Name, string Namespace, string Deployment, string Container, WorkloadReleaseStrategy Strategy, string? ImageConfigKey)
{
    /// <summary>The strategy as the template and the release records spell it.</summary>
    public string StrategyName => StrategyNameOf(Strategy);

    /// <summary>How a release reaches the workload, in a few words for the UI.</summary>
    public string StrategyDescription => Strategy == WorkloadReleaseStrategy.PulumiConfig
        ? $"sets Pulumi config {ImageConfigKey} and runs an update"
        : "patches the Deployment's image directly";

    public static string StrategyNameOf(WorkloadReleaseStrategy strategy) => strategy == WorkloadReleaseStrategy.PulumiConfig ? "pulumi-config" : "patch";

    public static IReadOnlyList<WorkloadTarget> ResolveAll(EnvironmentTemplate template, EnvironmentRecord environment)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(environment);
        var parameters = EnvironmentParameters.Read(environment);
        return [.. template.Workloads.Select(w => new WorkloadTarget(
            w.Name, EnvironmentScope.Resolve(w.Namespace, parameters), EnvironmentScope.Resolve(w.Deployment, parameters), w.Container, w.Strategy, w.ImageConfigKey))];
    }
}
