using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes;

/// <summary>
/// The seam to one cluster's API server. Every call is async, cancellable and bounded by <see cref="KubernetesOptions.RequestTimeout"/>
/// (watches by their server-side timeout). Failures throw <see cref="Errors.KubernetesApiException"/> subclasses.
/// Higher-level operations (observe with resumption, set image, restart) are extension methods in <see cref="ClusterClientExtensions"/>.
/// </summary>
public interface IClusterClient
{
    Uri Server { get; }

    string DefaultNamespace { get; }

    Task<VersionInfo> GetVersionAsync(CancellationToken cancellationToken);

    Task<T> GetAsync<T>(KubernetesResource<T> resource, string? ns, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject;

    /// <summary>One page; follow <see cref="ListMeta.Continue"/> or use <see cref="ClusterClientExtensions.ListAllAsync"/>.</summary>
    Task<KubernetesList<T>> ListAsync<T>(KubernetesResource<T> resource, string? ns, ListOptions? options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject;

    /// <summary>One watch request: ends when the server closes the stream. ERROR events are yielded, not thrown.</summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(KubernetesResource<T> resource, string? ns, WatchOptions options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject;

    Task<T> CreateAsync<T>(KubernetesResource<T> resource, string? ns, T item, CancellationToken cancellationToken)
        where T : class, IKubernetesObject;

    /// <summary>PUT; a stale metadata.resourceVersion gives <see cref="Errors.KubernetesConflictException"/>.</summary>
    Task<T> ReplaceAsync<T>(KubernetesResource<T> resource, string? ns, T item, CancellationToken cancellationToken)
        where T : class, IKubernetesObject;

    Task<T> PatchAsync<T>(KubernetesResource<T> resource, string? ns, string name, PatchType type, string patch, CancellationToken cancellationToken, string? fieldManager = null)
        where T : class, IKubernetesObject;

    /// <summary>A container's log as text (<c>kubectl logs</c>); a waiting container gives a 400 <see cref="Errors.KubernetesApiException"/>.</summary>
    Task<string> ReadPodLogAsync(string? ns, string pod, PodLogOptions options, CancellationToken cancellationToken);

    /// <summary>Deletes; returns the object as it now is when finalizers hold it (deletionTimestamp set), or null once it is gone.</summary>
    Task<T?> DeleteAsync<T>(KubernetesResource<T> resource, string? ns, string name, DeleteOptions? options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject;
}
