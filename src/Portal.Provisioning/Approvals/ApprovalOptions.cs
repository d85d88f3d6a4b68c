namespace Portal.Provisioning.Approvals;

/// <summary>
/// The <c>Approvals</c> section: which environment classes are protected and how. A class absent from
/// <see cref="Classes"/> (or with 0 required approvals) is not protected. Without any class configured, production is
/// protected by <see cref="ApprovalClassPolicy"/>'s defaults (1 approval from an Approver, 24 h expiry).
/// </summary>
public sealed class ApprovalOptions
{
    public const string SectionName = "Approvals";

    /// <summary>Policies by environment class name (development, staging, production, ephemeral), case-insensitive.</summary>
    public Dictionary<string, ApprovalClassPolicy> Classes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How often requests past their expiry are recorded as Expired, with their audit entry. Reads show them expired
    /// at once without writing; a decision on one records it too.
    /// </summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
