namespace Portal.Provisioning.Releases;

/// <summary>The job kinds of workload changes.</summary>
public static class ReleaseJobKinds
{
    /// <summary>A release or a rollback: a new image for a workload, then its rollout tracked to the verdict.</summary>
    public const string Deploy = "release.deploy";

    /// <summary>A restart (the restartedAt annotation), tracked the same way.</summary>
    public const string Restart = "release.restart";
}
