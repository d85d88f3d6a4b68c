namespace Portal.Provisioning.Kubernetes.Configuration;

public sealed class ExecEnvVar
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
}
