namespace Portal.Provisioning.Kubernetes.Models;

public sealed class ReplicaSetStatus
{
    public int Replicas { get; set; }
    public int? ReadyReplicas { get; set; }
    public int? AvailableReplicas { get; set; }
    public long? ObservedGeneration { get; set; }
}
