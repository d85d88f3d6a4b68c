namespace Portal.Provisioning.Kubernetes.Configuration;

public sealed class NamedContext
{
    public string Name { get; set; } = "";
    public KubeconfigContext Context { get; set; } = new();
}
