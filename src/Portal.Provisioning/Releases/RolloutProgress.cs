namespace Portal.Provisioning.Releases;

/// <summary>The data of a release job's rollout progress events (kind <c>rollout</c>).</summary>
/// <param name="Workload">The template workload.</param>
/// <param name="Namespace">The Deployment's namespace.</param>
/// <param name="Deployment">The Deployment's name.</param>
/// <param name="State"><c>InProgress</c>, <c>Complete</c> or <c>Failed</c>.</param>
/// <param name="Message">The <c>kubectl rollout status</c> text.</param>
/// <param name="Desired">spec.replicas (null when an autoscaler owns it).</param>
/// <param name="Updated">status.updatedReplicas.</param>
/// <param name="Ready">status.readyReplicas.</param>
/// <param name="Available">status.availableReplicas.</param>
/// <param name="Kind">The discriminator stored with the event data.</param>
public sealed record RolloutProgress(
    string Workload, string Namespace, string Deployment, string State, string Message, int? Desired, int Updated, int Ready, int Available,
    string Kind = RolloutProgress.KindName)
{
    public const string KindName = "rollout";
}
