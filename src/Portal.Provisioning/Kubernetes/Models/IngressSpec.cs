namespace Portal.Provisioning.Kubernetes.Models;

public sealed class IngressSpec
{
    public string? IngressClassName { get; set; }
    public List<IngressRule>? Rules { get; set; }
}
