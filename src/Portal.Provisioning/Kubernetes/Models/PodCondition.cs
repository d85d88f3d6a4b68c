namespace Portal.Provisioning.Kubernetes.Models;

public sealed class PodCondition
{
    public string Type { get; set; } = "";

    /// <summary>"True", "False" or "Unknown" (strings on the wire).</summary>
    public string Status { get; set; } = "";
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
}
