using Portal.Provisioning.Environments;

namespace Portal.Provisioning.Approvals;

/// <summary>The plan job's kind, and the job kinds that run on a protected environment only with an approval.</summary>
public static class ApprovalJobKinds
{
    public const string Plan = "approval.plan";

    /// <summary>The release backend's kinds (deploy covers releases and rollbacks).</summary>
    public const string ReleaseDeploy = "release.deploy";

    public const string ReleaseRestart = "release.restart";

    /// <summary>Kinds whose handlers are wrapped by <see cref="ApprovalGate{THandler}"/>.</summary>
    public static readonly IReadOnlySet<string> Gated = new HashSet<string>(StringComparer.Ordinal)
    {
        EnvironmentJobKinds.Update, EnvironmentJobKinds.Destroy, ReleaseDeploy, ReleaseRestart,
    };
}
