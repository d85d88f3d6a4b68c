using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Web.State.Cluster;

namespace Portal.Web.State.Releases;

/// <summary>
/// Reads the last lines of a failing pod's container for the rollout panel. A container that has restarted is read as
/// its previous instance (the one that crashed, as <c>kubectl logs --previous</c>); one that never started has no log and
/// the cluster says so (400 "… is waiting to start: ImagePullBackOff"): that message is returned instead of lines.
/// </summary>
public sealed partial class PodLogReader(ILogger<PodLogReader> logger)
{
    public const int TailLines = 20;

    public async Task<PodLogTail> ReadAsync(IClusterClient client, PodRow pod, string container, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(pod);
        var previous = pod.Restarts > 0;
        try
        {
            var text = await client.ReadPodLogAsync(pod.Namespace, pod.Name, new PodLogOptions(container, TailLines, previous), cancellationToken);
            var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            if (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            return new PodLogTail(pod.Name, container, previous, lines, null);
        }
        catch (Exception ex) when (ex is KubernetesApiException or HttpRequestException or TimeoutException)
        {
            var message = ex is KubernetesApiException api ? api.Message : ClusterWatchFeed.Describe(ex, "read pod logs");
            LogReadFailed(logger, pod.Namespace, pod.Name, container, message);
            return new PodLogTail(pod.Name, container, previous, [], message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No log for pod {Namespace}/{Pod} container {Container}: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string @namespace, string pod, string container, string reason);
}
