using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary>Placeholder until the portal's Kubernetes client exists: every call fails with a clear diagnostic, so a
/// program with <c>kubernetes:*</c> resources fails on them instead of pretending they were applied.</summary>
public sealed class UnwiredSandboxKubernetesApplier : ISandboxKubernetesApplier
{
    public const string Message = "kubernetes provider: no cluster client wired yet (ISandboxKubernetesApplier is not connected to a Kubernetes client)";

    public Task<JsonObject> ApplyAsync(SandboxKubernetesCluster cluster, JsonObject manifest, CancellationToken cancellationToken) =>
        throw new SandboxProviderException($"{Message}; cannot apply {manifest["kind"]} to {cluster.Server}");

    public Task<JsonObject?> ReadAsync(SandboxKubernetesCluster cluster, JsonObject manifest, CancellationToken cancellationToken) =>
        throw new SandboxProviderException($"{Message}; cannot read {manifest["kind"]} from {cluster.Server}");

    public Task DeleteAsync(SandboxKubernetesCluster cluster, JsonObject manifest, CancellationToken cancellationToken) =>
        throw new SandboxProviderException($"{Message}; cannot delete {manifest["kind"]} from {cluster.Server}");
}
