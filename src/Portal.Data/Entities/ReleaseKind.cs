namespace Portal.Data.Entities;

/// <summary>What a release record did to its workload. A rollback is a forward release to an earlier image.</summary>
public enum ReleaseKind
{
    Release,
    Rollback,
    Restart,
}
