namespace Portal.Provisioning.Kubernetes.Models;

public sealed class ReplicaSet : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "apps/v1";
    public string? Kind { get; set; } = "ReplicaSet";
    public ObjectMeta Metadata { get; set; } = new();
    public ReplicaSetSpec? Spec { get; set; }
    public ReplicaSetStatus? Status { get; set; }
}
