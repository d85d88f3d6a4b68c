namespace Portal.Provisioning.Kubernetes.Models;

/// <summary>What every top-level object has: the caches and shared watches key on metadata alone.</summary>
public interface IKubernetesObject
{
    string? ApiVersion { get; set; }
    string? Kind { get; set; }
    ObjectMeta Metadata { get; set; }
}
