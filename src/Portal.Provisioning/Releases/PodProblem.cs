namespace Portal.Provisioning.Releases;

/// <summary>A container of the rollout that is not coming up, with its last log lines when the cluster offers them.</summary>
/// <param name="Pod">The pod's name.</param>
/// <param name="Container">The container's name.</param>
/// <param name="Reason">The waiting or termination reason: CrashLoopBackOff, ImagePullBackOff, ErrImagePull…</param>
/// <param name="Message">The kubelet's message, when any.</param>
/// <param name="RestartCount">Restarts so far.</param>
/// <param name="LogLines">The container's last log lines (of its previous instance after a crash), or why there are none.</param>
public sealed record PodProblem(string Pod, string Container, string Reason, string? Message, int RestartCount, IReadOnlyList<string> LogLines);
