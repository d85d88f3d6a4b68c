namespace Portal.Provisioning.Kubernetes.Models;

public sealed class ContainerStateRunning
{
    public DateTimeOffset? StartedAt { get; set; }
}
