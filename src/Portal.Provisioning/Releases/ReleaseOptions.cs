namespace Portal.Provisioning.Releases;

/// <summary>The <c>Releases</c> section.</summary>
public sealed class ReleaseOptions
{
    public const string SectionName = "Releases";

    /// <summary>
    /// A last bound on watching a rollout. The Deployment's own progress deadline normally decides first (as
    /// <c>kubectl rollout status</c> does); this only stops a watch of a Deployment that has none.
    /// </summary>
    public TimeSpan RolloutTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often pods are checked for waiting reasons while a rollout runs.</summary>
    public TimeSpan PodCheckInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Log lines kept from each failing container.</summary>
    public int LogTailLines { get; set; } = 20;
}
