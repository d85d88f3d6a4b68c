namespace Portal.Provisioning.Kubernetes.Models;

public sealed class ContainerStateWaiting
{
    /// <summary>ContainerCreating, ErrImagePull, ImagePullBackOff, CrashLoopBackOff, ...</summary>
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
