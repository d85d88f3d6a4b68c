namespace Portal.Provisioning.Kubernetes.Models;

public sealed class PodTemplateSpec
{
    public ObjectMeta? Metadata { get; set; }
    public PodSpec? Spec { get; set; }
}
