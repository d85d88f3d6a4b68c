using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Kubernetes.Rollout;

namespace Portal.Web.State.Cluster;

/// <summary>One Deployment as the live view shows it, with its rollout verdict by the rules of <c>kubectl rollout status</c>.</summary>
public sealed record DeploymentRow(
    string Namespace, string Name, int Desired, int Ready, int Updated, int Available, IReadOnlyList<ContainerImage> Images, RolloutVerdict Rollout)
{
    private const string WaitingPrefix = "rollout to finish: ";

    /// <summary>"complete", "progressing: 1 of 2 updated replicas are available...", or kubectl's failure message.</summary>
    public string RolloutText => Rollout.State switch
    {
        RolloutState.Complete => "complete",
        RolloutState.InProgress => "progressing: " + (Rollout.Message.IndexOf(WaitingPrefix, StringComparison.Ordinal) is var i and >= 0
            ? Rollout.Message[(i + WaitingPrefix.Length)..]
            : Rollout.Message),
        _ => Rollout.Message,
    };

    public static DeploymentRow From(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var status = deployment.Status;
        return new DeploymentRow(
            deployment.Metadata.Namespace ?? "",
            deployment.Metadata.Name ?? "",
            deployment.Spec?.Replicas ?? 1,
            status?.ReadyReplicas ?? 0,
            status?.UpdatedReplicas ?? 0,
            status?.AvailableReplicas ?? 0,
            [.. deployment.Spec?.Template?.Spec?.Containers.Select(c => new ContainerImage(c.Name, c.Image ?? "")) ?? []],
            RolloutStatusEvaluator.Evaluate(deployment));
    }
}
