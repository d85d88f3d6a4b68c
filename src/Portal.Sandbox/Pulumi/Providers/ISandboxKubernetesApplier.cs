using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary>The narrow seam between the sandbox's <c>kubernetes:*</c> provider and a real Kubernetes API client. Manifests
/// are plain Kubernetes JSON objects (<c>apiVersion</c>, <c>kind</c>, <c>metadata</c>, <c>spec</c>/<c>data</c>/…).
/// Wire an implementation over the portal's Kubernetes client in <see cref="SandboxPulumiCli"/>.</summary>
public interface ISandboxKubernetesApplier
{
    /// <summary>Creates or updates the object (apply semantics) and returns the live object as the server has it.</summary>
    Task<JsonObject> ApplyAsync(SandboxKubernetesCluster cluster, JsonObject manifest, CancellationToken cancellationToken);

    /// <summary>Reads the live object (with <c>status</c>) named by the manifest's apiVersion, kind, name and namespace; null if absent.</summary>
    Task<JsonObject?> ReadAsync(SandboxKubernetesCluster cluster, JsonObject manifest, CancellationToken cancellationToken);

    /// <summary>Deletes the object named by the manifest; absent is fine.</summary>
    Task DeleteAsync(SandboxKubernetesCluster cluster, JsonObject manifest, CancellationToken cancellationToken);

    /// <summary>Creates the virtual cluster <paramref name="name"/> on the sandbox API server that <paramref name="server"/>
    /// points at (served under <c>/clusters/{name}</c>); present is fine.</summary>
    Task CreateVirtualClusterAsync(SandboxKubernetesCluster server, string name, CancellationToken cancellationToken);

    /// <summary>Deletes the virtual cluster <paramref name="name"/> with all its objects; absent is fine.</summary>
    Task DeleteVirtualClusterAsync(SandboxKubernetesCluster server, string name, CancellationToken cancellationToken);
}
