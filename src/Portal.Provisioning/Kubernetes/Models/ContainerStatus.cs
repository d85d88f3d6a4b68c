namespace Portal.Provisioning.Kubernetes.Models;

public sealed class ContainerStatus
{
    public string Name { get; set; } = "";
    public string? Image { get; set; }
    public string? ImageID { get; set; }
    public bool Ready { get; set; }
    public bool? Started { get; set; }
    public int RestartCount { get; set; }
    public ContainerState? State { get; set; }
    public ContainerState? LastState { get; set; }
}
