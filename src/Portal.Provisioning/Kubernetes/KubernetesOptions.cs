namespace Portal.Provisioning.Kubernetes;

/// <summary>The <c>Kubernetes</c> configuration section. Defaults are here; configuration overrides them.</summary>
public sealed class KubernetesOptions
{
    public const string SectionName = "Kubernetes";

    /// <summary>Kubeconfig of the portal's default cluster; empty uses <see cref="InCluster"/> or no default cluster.</summary>
    public string? KubeconfigPath { get; set; }

    /// <summary>Context in the kubeconfig; empty uses its current-context.</summary>
    public string? Context { get; set; }

    /// <summary>Use the pod's service account for the default cluster.</summary>
    public bool InCluster { get; set; }

    /// <summary>Upper bound of every non-watch API call.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ExecPluginTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Generate EKS tokens in process when a kubeconfig runs <c>aws eks get-token</c> (no aws CLI needed).</summary>
    public bool UseNativeEksTokens { get; set; } = true;

    /// <summary>Server-side timeout asked for on each watch request; the client reconnects after it.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan WatchReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan WatchReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a shared watch stays open after its last viewer leaves (a page reload should not restart it).</summary>
    public TimeSpan SharedWatchLinger { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Page size of list calls that follow <c>continue</c>.</summary>
    public int ListPageSize { get; set; } = 500;
}
