using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Web.State.Cluster;

/// <summary>One Service as the live view shows it: ports as kubectl prints them and the load balancer's hostnames.</summary>
public sealed record ServiceRow(string Namespace, string Name, string Type, IReadOnlyList<string> Ports, string? ClusterIP, IReadOnlyList<string> Hostnames)
{
    public bool IsLoadBalancer => Type == "LoadBalancer";

    /// <summary>A LoadBalancer whose load balancer the controller has not reported yet.</summary>
    public bool IsPending => IsLoadBalancer && Hostnames.Count == 0;

    public static ServiceRow From(Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new ServiceRow(
            service.Metadata.Namespace ?? "",
            service.Metadata.Name ?? "",
            service.Spec?.Type ?? "ClusterIP",
            [.. service.Spec?.Ports?.Select(p => $"{p.Port}{(p.NodePort is { } node ? $":{node}" : "")}/{p.Protocol ?? "TCP"}") ?? []],
            service.Spec?.ClusterIP,
            [.. service.Status?.LoadBalancer?.Ingress?.Select(i => i.Hostname ?? i.Ip ?? "").Where(h => h.Length > 0) ?? []]);
    }
}
