using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary>The cluster a <c>kubernetes:*</c> resource targets: its kubeconfig (as JSON), the context to use, and the
/// provider's default namespace.</summary>
public sealed record SandboxKubernetesCluster(JsonObject Kubeconfig, string? Context, string? DefaultNamespace)
{
    /// <summary>The API server URL of the selected context (for messages and for matching a client).</summary>
    public string? Server
    {
        get
        {
            var contextName = Context ?? Kubeconfig["current-context"]?.GetValue<string>();
            var clusterName = (Kubeconfig["contexts"] as JsonArray)?.FirstOrDefault(c => c?["name"]?.GetValue<string>() == contextName)?["context"]?["cluster"]?.GetValue<string>();
            var cluster = (Kubeconfig["clusters"] as JsonArray)?.FirstOrDefault(c => clusterName is null || c?["name"]?.GetValue<string>() == clusterName);
            return cluster?["cluster"]?["server"]?.GetValue<string>();
        }
    }
}
