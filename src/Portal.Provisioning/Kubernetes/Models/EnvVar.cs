namespace Portal.Provisioning.Kubernetes.Models;

public sealed class EnvVar
{
    public string Name { get; set; } = "";
    public string? Value { get; set; }
}
