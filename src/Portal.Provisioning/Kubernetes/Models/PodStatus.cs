namespace Portal.Provisioning.Kubernetes.Models;

public sealed class PodStatus
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string? Phase { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public string? HostIP { get; set; }
    public string? PodIP { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public List<PodCondition>? Conditions { get; set; }
    public List<ContainerStatus>? ContainerStatuses { get; set; }
}
