using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Releases;
using Portal.Provisioning.Templates;

namespace Portal.Web.State.Releases;

/// <summary>The environment's workloads as the release UI lists them, resolved against its parameters.</summary>
public static class ReleaseTargets
{
    public static IReadOnlyList<WorkloadTarget> Of(EnvironmentTemplate template, EnvironmentRecord environment)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(environment);
        var parameters = EnvironmentParameters.Read(environment);
        return [.. template.Workloads.Select(w => WorkloadTarget.Resolve(template, w, parameters))];
    }

    /// <summary>How a release reaches the workload, in a few words for the UI.</summary>
    public static string DescribeStrategy(WorkloadTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Workload.Strategy == WorkloadReleaseStrategy.PulumiConfig
            ? $"sets Pulumi config {target.Workload.ImageConfigKey} and runs an update"
            : "patches the Deployment's image directly, as kubectl set image does";
    }

    /// <summary>
    /// Where a one-click rollback goes, as the release service decides it (kubectl rollout undo): the image before the
    /// newest release that changed the image (restarts do not count). Null when there is none.
    /// </summary>
    /// <param name="newestFirst">The workload's recent releases, newest first.</param>
    /// <param name="runningImage">The image the container runs now (live), when known.</param>
    public static string? RollbackImage(IEnumerable<ReleaseSummary> newestFirst, string? runningImage)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        return RollbackRules.UndoSource(newestFirst, runningImage)?.ImageBefore;
    }
}
