namespace Portal.Provisioning.Kubernetes.Models;

public sealed class PodSpec
{
    public List<Container> Containers { get; set; } = [];
    public List<Container>? InitContainers { get; set; }
    public string? NodeName { get; set; }
    public string? RestartPolicy { get; set; }
    public string? ServiceAccountName { get; set; }
    public long? TerminationGracePeriodSeconds { get; set; }
}
