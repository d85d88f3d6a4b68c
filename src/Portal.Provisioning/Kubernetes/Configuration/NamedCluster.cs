namespace Portal.Provisioning.Kubernetes.Configuration;

public sealed class NamedCluster
{
    public string Name { get; set; } = "";
    public KubeconfigCluster Cluster { get; set; } = new();
}
