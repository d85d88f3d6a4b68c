namespace Portal.Provisioning.Kubernetes.Models;

public sealed class IngressStatus
{
    public LoadBalancerStatus? LoadBalancer { get; set; }
}
