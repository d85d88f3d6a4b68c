namespace Portal.Provisioning.Kubernetes.Models;

public sealed class EventSource
{
    public string? Component { get; set; }
    public string? Host { get; set; }
}
