namespace Portal.Provisioning.Kubernetes.Models;

public sealed class Service : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "v1";
    public string? Kind { get; set; } = "Service";
    public ObjectMeta Metadata { get; set; } = new();
    public ServiceSpec? Spec { get; set; }
    public ServiceStatus? Status { get; set; }
}
