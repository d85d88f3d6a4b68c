namespace Portal.Provisioning.Kubernetes.Models;

public sealed class NamespaceStatus
{
    /// <summary>Active or Terminating.</summary>
    public string? Phase { get; set; }
}
