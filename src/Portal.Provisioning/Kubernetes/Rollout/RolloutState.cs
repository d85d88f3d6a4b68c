namespace Portal.Provisioning.Kubernetes.Rollout;

public enum RolloutState
{
    /// <summary>Keep watching.</summary>
    InProgress,

    /// <summary>Successfully rolled out.</summary>
    Complete,

    /// <summary>Progress deadline exceeded, wrong revision or deleted.</summary>
    Failed,
}
