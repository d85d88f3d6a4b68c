namespace Portal.Data.Entities;

public enum EnvironmentStatus
{
    Pending,
    Provisioning,
    Ready,
    Updating,
    Failed,
    Destroying,
    Destroyed,
}
