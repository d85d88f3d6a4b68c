namespace Portal.Provisioning.Kubernetes;

/// <summary>One shared <see cref="IClusterClient"/> per cluster (one connection pool and credential cache each).</summary>
public interface IClusterClientFactory
{
    /// <summary>
    /// The client for <paramref name="clusterName"/>, built from a kubeconfig in JSON (Pulumi's output) or YAML. The same
    /// instance is returned while the kubeconfig text and context stay the same; a changed kubeconfig builds a new one.
    /// </summary>
    IClusterClient GetOrCreate(string clusterName, string kubeconfig, string? context = null);

    /// <summary>The cluster configured in the <c>Kubernetes</c> section (kubeconfig path or in-cluster).</summary>
    IClusterClient GetDefault();
}
