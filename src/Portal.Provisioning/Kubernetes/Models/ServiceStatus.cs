namespace Portal.Provisioning.Kubernetes.Models;

public sealed class ServiceStatus
{
    public LoadBalancerStatus? LoadBalancer { get; set; }
}
