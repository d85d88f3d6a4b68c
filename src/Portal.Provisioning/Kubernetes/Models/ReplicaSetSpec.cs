namespace Portal.Provisioning.Kubernetes.Models;

public sealed class ReplicaSetSpec
{
    public int? Replicas { get; set; }
    public LabelSelector? Selector { get; set; }
    public PodTemplateSpec? Template { get; set; }
}
