namespace Portal.Sandbox.Kubernetes;

/// <summary>How a sandbox Kubernetes API server listens and how its simulated cluster behaves.</summary>
public sealed class SandboxKubernetesOptions
{
    /// <summary>Simulation speed: every delay (pod start, load balancer, progress deadline) is divided by it. Tests use 20-100.</summary>
    public double Speed { get; set; } = 1;

    /// <summary>Loopback HTTP port; 0 picks a free one (with <see cref="StateDirectory"/>: the one saved there, if any), -1 disables HTTP.</summary>
    public int HttpPort { get; set; }

    /// <summary>Loopback HTTPS port (self-signed, CA in the kubeconfig); 0 picks a free one (with <see cref="StateDirectory"/>: the one saved there, if any), -1 disables HTTPS.</summary>
    public int HttpsPort { get; set; }

    /// <summary>The bearer token; null generates a random one (with <see cref="StateDirectory"/>: the one saved there, if any).</summary>
    public string? Token { get; set; }

    /// <summary>
    /// Where the cluster survives restarts: CA, server certificate, token, chosen ports and every object are saved here
    /// and loaded at the next start, so the kubeconfig stays the same and the objects are still there. Null keeps
    /// everything in memory (the cluster is gone when the server stops).
    /// </summary>
    public string? StateDirectory { get; set; }

    /// <summary>
    /// Accept requests without an Authorization header on plain HTTP. kubectl never sends credentials over HTTP
    /// (client-go sends auth only over TLS), so without this kubectl could not use the HTTP endpoint at all.
    /// A wrong token is rejected on both endpoints.
    /// </summary>
    public bool AllowAnonymousHttp { get; set; } = true;

    /// <summary>Extra bearer tokens to accept (exec-plugin tests hand out rotating tokens).</summary>
    public Func<string, bool>? AcceptToken { get; set; }

    /// <summary>Names the cluster, its context and user in the kubeconfig.</summary>
    public string ClusterName { get; set; } = "sandbox";

    public string Region { get; set; } = "us-east-1";

    /// <summary>Changes kept for watches; a watch from an older resourceVersion gets 410 Expired.</summary>
    public int WatchHistoryLimit { get; set; } = 10_000;

    /// <summary>How often a watch that allows bookmarks receives one (real time, not scaled).</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(5);

    public SandboxFailureRules FailureRules { get; set; } = new();

    /// <summary>Namespaces present at start ("default", "kube-system" and "kube-public" always are).</summary>
    public IList<string> Namespaces { get; } = [];
}
