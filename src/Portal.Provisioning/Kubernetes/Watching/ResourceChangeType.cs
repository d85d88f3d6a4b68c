namespace Portal.Provisioning.Kubernetes.Watching;

public enum ResourceChangeType
{
    /// <summary>The full current state (first list); always the first change an observer sees.</summary>
    Snapshot,
    Added,
    Modified,
    Deleted,
}
