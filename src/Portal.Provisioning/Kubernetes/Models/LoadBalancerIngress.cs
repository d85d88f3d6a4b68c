namespace Portal.Provisioning.Kubernetes.Models;

/// <summary>AWS load balancers report a hostname, others an IP.</summary>
public sealed class LoadBalancerIngress
{
    public string? Hostname { get; set; }
    public string? Ip { get; set; }
}
