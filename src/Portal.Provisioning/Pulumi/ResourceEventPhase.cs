namespace Portal.Provisioning.Pulumi;

/// <summary>Which engine event a <see cref="ResourceProgress"/> comes from.</summary>
public enum ResourceEventPhase
{
    /// <summary><c>resourcePreEvent</c>: the step started.</summary>
    Started,

    /// <summary><c>resOutputsEvent</c>: the step finished.</summary>
    Completed,

    /// <summary><c>resOpFailedEvent</c>: the step failed.</summary>
    Failed,
}
