namespace Portal.Data.Entities;

/// <summary>Where a release is: queued behind other operations, rolling out, or its rollout verdict.</summary>
public enum ReleaseStatus
{
    Queued,
    RollingOut,
    Succeeded,
    Failed,
    Cancelled,
}
