using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Web.State.Cluster;

/// <summary>One Pod as the live view shows it: phase, readiness, restarts, node and the reason a container is not running.</summary>
public sealed record PodRow(
    string Namespace, string Name, string Phase, bool Ready, int ReadyContainers, int Containers, int Restarts,
    DateTimeOffset? CreatedAt, string? Node, ContainerProblem? Problem)
{
    // The normal steps of a start, shown but not highlighted.
    private static readonly HashSet<string> s_benignWaiting = new(StringComparer.Ordinal) { "ContainerCreating", "PodInitializing" };

    /// <summary>Finished pods (a Job's) are listed but not counted as pods that should be ready.</summary>
    public bool IsFinished => Phase is "Succeeded";

    public static PodRow From(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var statuses = pod.Status?.ContainerStatuses ?? [];
        var containers = Math.Max(pod.Spec?.Containers.Count ?? 0, statuses.Count);
        var phase = pod.Metadata.DeletionTimestamp is not null ? "Terminating" : pod.Status?.Phase ?? "Pending";
        var readyCondition = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        var ready = readyCondition is not null
            ? readyCondition.Status == "True"
            : statuses.Count > 0 && statuses.All(s => s.Ready);
        return new PodRow(
            pod.Metadata.Namespace ?? "",
            pod.Metadata.Name ?? "",
            phase,
            ready && phase == "Running",
            statuses.Count(s => s.Ready),
            containers,
            statuses.Sum(s => s.RestartCount),
            pod.Metadata.CreationTimestamp,
            pod.Spec?.NodeName,
            FindProblem(pod, statuses));
    }

    /// <summary>The first failing container's reason, else a benign one (ContainerCreating), else the pod's own reason (Evicted).</summary>
    private static ContainerProblem? FindProblem(Pod pod, List<ContainerStatus> statuses)
    {
        ContainerProblem? benign = null;
        foreach (var status in statuses)
        {
            if (status.State?.Waiting is { Reason: { Length: > 0 } waiting } w)
            {
                if (s_benignWaiting.Contains(waiting))
                {
                    benign ??= new ContainerProblem(status.Name, waiting, w.Message, false);
                    continue;
                }

                return new ContainerProblem(status.Name, waiting, WithLastExit(w.Message, status.LastState?.Terminated), true);
            }

            if (status.State?.Terminated is { } t && (t.ExitCode != 0 || t.Reason is not (null or "Completed")))
            {
                return new ContainerProblem(status.Name, t.Reason ?? $"exit code {t.ExitCode}", t.Message, true);
            }
        }

        if (benign is null && pod.Status is { Reason: { Length: > 0 } reason } podStatus)
        {
            return new ContainerProblem("", reason, podStatus.Message, podStatus.Phase is "Failed" or "Unknown");
        }

        return benign;
    }

    // A crash loop's own message says little ("back-off 10s restarting…"); the last exit says why (OOMKilled, Error 1).
    private static string? WithLastExit(string? message, ContainerStateTerminated? last)
    {
        if (last is null)
        {
            return message;
        }

        var exit = $"last exit: {last.Reason ?? "Error"} (code {last.ExitCode})";
        return string.IsNullOrEmpty(message) ? exit : $"{message}; {exit}";
    }
}
