namespace Portal.Web.State.Cluster;

/// <summary>Which kinds a <see cref="ClusterWatchFeed"/> subscribes to: the dashboard needs only pods, a rollout panel
/// Deployments, ReplicaSets and Pods.</summary>
[Flags]
public enum ClusterObjectKinds
{
    None = 0,
    Deployments = 1,
    Pods = 2,
    Services = 4,
    Events = 8,
    ReplicaSets = 16,
    All = Deployments | Pods | Services | Events | ReplicaSets,
}
