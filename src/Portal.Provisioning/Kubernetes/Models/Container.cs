namespace Portal.Provisioning.Kubernetes.Models;

public sealed class Container
{
    public string Name { get; set; } = "";
    public string? Image { get; set; }
    public string? ImagePullPolicy { get; set; }
    public List<string>? Command { get; set; }
    public List<string>? Args { get; set; }
    public List<ContainerPort>? Ports { get; set; }
    public List<EnvVar>? Env { get; set; }
}
