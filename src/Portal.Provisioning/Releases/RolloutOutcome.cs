using Portal.Provisioning.Kubernetes.Rollout;

namespace Portal.Provisioning.Releases;

/// <summary>How a tracked rollout ended: the last verdict, and the containers that did not come up.</summary>
/// <param name="Verdict">Complete or Failed (a watch that outlived its bound fails too).</param>
/// <param name="Problems">Waiting or crashing containers of the Deployment at the end, with their last log lines.</param>
public sealed record RolloutOutcome(RolloutVerdict Verdict, IReadOnlyList<PodProblem> Problems);
