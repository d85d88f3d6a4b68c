namespace Portal.Provisioning.Kubernetes.Models;

public sealed class DeploymentCondition
{
    /// <summary>Available, Progressing or ReplicaFailure.</summary>
    public string Type { get; set; } = "";
    public string Status { get; set; } = "";
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? LastUpdateTime { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
}
