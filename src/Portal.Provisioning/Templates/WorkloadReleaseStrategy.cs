namespace Portal.Provisioning.Templates;

/// <summary>How an image release reaches a workload.</summary>
public enum WorkloadReleaseStrategy
{
    /// <summary>Set the Pulumi config key and run an update (seed 004).</summary>
    PulumiConfig,

    /// <summary>Patch the Deployment's container image directly, as <c>kubectl set image</c> does (seed 002).</summary>
    Patch,
}
