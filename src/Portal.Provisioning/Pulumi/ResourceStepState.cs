namespace Portal.Provisioning.Pulumi;

/// <summary>Where a resource's current step is.</summary>
public enum ResourceStepState
{
    Running,
    Done,
    Failed,
}
