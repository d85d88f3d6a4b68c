namespace Portal.Provisioning.Kubernetes.Models;

/// <summary>Empty (no ingress) while the load balancer is pending.</summary>
public sealed class LoadBalancerStatus
{
    public List<LoadBalancerIngress>? Ingress { get; set; }
}
