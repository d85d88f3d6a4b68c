namespace Portal.Web.State.Cluster;

/// <summary>
/// Why a pod's container is not running: the waiting or terminated reason (CrashLoopBackOff, ImagePullBackOff,
/// OOMKilled…) and its message. <see cref="IsFailure"/> is false for the normal steps of a start (ContainerCreating).
/// </summary>
public sealed record ContainerProblem(string Container, string Reason, string? Message, bool IsFailure);
