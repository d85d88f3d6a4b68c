namespace Portal.Web.Endpoints.Contracts;

/// <summary>A Service with its type, ports and load balancer hostnames.</summary>
public sealed record ServiceSnapshot(string Namespace, string Name, string Type, IReadOnlyList<string> Ports, IReadOnlyList<string> LoadBalancerHostnames);
