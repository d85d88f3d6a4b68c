namespace Portal.Sandbox.Kubernetes.Controllers;

/// <summary>Where a simulated pod is in its life; see <see cref="KubeletSimulator"/>.</summary>
internal enum PodStage
{
    Created,
    Unschedulable,
    ContainerCreating,
    Pulling,
    PullBackOff,
    Starting,
    Running,
    Ready,
    CrashLoopBackOff,
    Terminating,
}
