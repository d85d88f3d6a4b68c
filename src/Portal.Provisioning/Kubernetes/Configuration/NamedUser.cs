namespace Portal.Provisioning.Kubernetes.Configuration;

public sealed class NamedUser
{
    public string Name { get; set; } = "";
    public KubeconfigUser User { get; set; } = new();
}
