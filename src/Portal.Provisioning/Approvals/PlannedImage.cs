namespace Portal.Provisioning.Approvals;

/// <summary>A workload's image before and after the change (After is null when the workload goes away).</summary>
/// <param name="Workload">The template workload's name.</param>
/// <param name="Before">The image now.</param>
/// <param name="After">The image the change runs.</param>
public sealed record PlannedImage(string Workload, string? Before, string? After)
{
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);
}
