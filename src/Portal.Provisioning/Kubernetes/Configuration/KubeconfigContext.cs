namespace Portal.Provisioning.Kubernetes.Configuration;

public sealed class KubeconfigContext
{
    public string Cluster { get; set; } = "";
    public string User { get; set; } = "";
    public string? Namespace { get; set; }
}
