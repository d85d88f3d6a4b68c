namespace Portal.Provisioning.Environments;

/// <summary>The <c>Environments</c> section.</summary>
public sealed class EnvironmentOptions
{
    public const string SectionName = "Environments";

    /// <summary>How long a destroy waits for the cluster's load balancers to be deleted before it gives up.</summary>
    public TimeSpan LoadBalancerDrainTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a destroy checks whether the load balancers are gone.</summary>
    public TimeSpan LoadBalancerDrainPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
