namespace Portal.Provisioning.Kubernetes.Models;

/// <summary>A list response (PodList, DeploymentList, ...). Items on a real server omit kind and apiVersion.</summary>
public sealed class KubernetesList<T>
    where T : IKubernetesObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<T> Items { get; set; } = [];
}
