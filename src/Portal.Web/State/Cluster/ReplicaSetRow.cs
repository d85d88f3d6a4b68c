namespace Portal.Web.State.Cluster;

/// <summary>
/// One ReplicaSet of a Deployment's rollout: its revision (<c>deployment.kubernetes.io/revision</c>), the images of its pod
/// template, its counts, whether it is the Deployment's new ReplicaSet, and its pods.
/// </summary>
public sealed record ReplicaSetRow(
    string Name, long? Revision, IReadOnlyList<ContainerImage> Images, int Desired, int Current, int Ready, int Available, bool IsNew,
    IReadOnlyList<PodRow> Pods);
