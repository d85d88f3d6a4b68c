using System.Text.Json.Serialization;

namespace Portal.Provisioning.Kubernetes.Configuration;

/// <summary>A kubeconfig document (client-go clientcmd/api/v1 names).</summary>
public sealed class Kubeconfig
{
    [JsonPropertyName("current-context")]
    public string? CurrentContext { get; set; }

    public List<NamedCluster> Clusters { get; set; } = [];
    public List<NamedContext> Contexts { get; set; } = [];
    public List<NamedUser> Users { get; set; } = [];
}
