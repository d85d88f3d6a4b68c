using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes.Watching;

/// <summary>
/// Fans one upstream watch per (cluster, namespace, kind) out to any number of viewers. A viewer first gets a
/// <see cref="ResourceChangeType.Snapshot"/> of the current state, then every change. The upstream closes
/// <see cref="KubernetesOptions.SharedWatchLinger"/> after its last viewer leaves.
/// </summary>
public interface ISharedWatchHub
{
    /// <summary>Upstream watches open right now.</summary>
    int ActiveUpstreamCount { get; }

    /// <summary>Upstream watches ever opened (diagnostics and tests).</summary>
    int StartedUpstreamCount { get; }

    /// <summary>Subscribes until <paramref name="cancellationToken"/> is cancelled (the viewer left); a null <paramref name="ns"/> watches every namespace.</summary>
    IAsyncEnumerable<ResourceChange<T>> SubscribeAsync<T>(
        string clusterName, IClusterClient client, KubernetesResource<T> resource, string? ns, CancellationToken cancellationToken)
        where T : class, IKubernetesObject;
}
