namespace Portal.Provisioning.Kubernetes.Models;

public sealed class Ingress : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "networking.k8s.io/v1";
    public string? Kind { get; set; } = "Ingress";
    public ObjectMeta Metadata { get; set; } = new();
    public IngressSpec? Spec { get; set; }
    public IngressStatus? Status { get; set; }
}
