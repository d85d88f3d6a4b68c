namespace Portal.Provisioning.Kubernetes;

public sealed record DeleteOptions
{
    /// <summary>Background (the default for most kinds), Foreground or Orphan.</summary>
    public string? PropagationPolicy { get; init; }

    public long? GracePeriodSeconds { get; init; }
}
