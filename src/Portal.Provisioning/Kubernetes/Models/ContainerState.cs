namespace Portal.Provisioning.Kubernetes.Models;

/// <summary>Exactly one of the three is set.</summary>
public sealed class ContainerState
{
    public ContainerStateWaiting? Waiting { get; set; }
    public ContainerStateRunning? Running { get; set; }
    public ContainerStateTerminated? Terminated { get; set; }
}
