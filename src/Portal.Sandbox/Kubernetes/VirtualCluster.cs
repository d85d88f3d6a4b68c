using Portal.Sandbox.Kubernetes.Api;
using Portal.Sandbox.Kubernetes.Persistence;

namespace Portal.Sandbox.Kubernetes;

/// <summary>
/// One named cluster served under <c>/clusters/{name}/</c>: its own simulation (store, controllers, watch history), the
/// handler for its requests and, with a state directory, the writer that keeps its <c>objects.json</c> current.
/// </summary>
internal sealed class VirtualCluster(string name, SandboxCluster cluster, StoreSnapshotWriter? snapshots, string? directory)
{
    public string Name => name;

    public SandboxCluster Cluster => cluster;

    public ApiRequestHandler Handler { get; } = new(cluster);

    /// <summary>Its state directory (<c>&lt;state&gt;/clusters/&lt;name&gt;</c>), or null when the server keeps everything in memory.</summary>
    public string? Directory => directory;

    public void Start()
    {
        // Before the controllers, so their first changes are saved too.
        snapshots?.Start();
        cluster.Start();
    }

    /// <summary>Stops the controllers, then writes the final (clean) snapshot.</summary>
    public async ValueTask StopAsync()
    {
        await cluster.DisposeAsync();
        if (snapshots is not null)
        {
            await snapshots.DisposeAsync();
        }
    }
}
