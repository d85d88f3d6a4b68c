namespace Portal.Provisioning.Kubernetes.Models;

public sealed class Deployment : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "apps/v1";
    public string? Kind { get; set; } = "Deployment";
    public ObjectMeta Metadata { get; set; } = new();
    public DeploymentSpec? Spec { get; set; }
    public DeploymentStatus? Status { get; set; }
}
