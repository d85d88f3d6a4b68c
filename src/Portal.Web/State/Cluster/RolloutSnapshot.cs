namespace Portal.Web.State.Cluster;

/// <summary>A Deployment's rollout at one moment: its counts and verdict, and its ReplicaSets newest revision first.</summary>
public sealed record RolloutSnapshot(DeploymentRow Deployment, IReadOnlyList<ReplicaSetRow> ReplicaSets)
{
    public ReplicaSetRow? NewReplicaSet => ReplicaSets.FirstOrDefault(r => r.IsNew);
}
