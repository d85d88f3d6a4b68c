using Portal.Provisioning.Environments;
using Portal.Provisioning.Releases;

namespace Portal.Provisioning.Approvals;

/// <summary>The plan job's kind, and the job kinds that run on a protected environment only with an approval.</summary>
public static class ApprovalJobKinds
{
    public const string Plan = "approval.plan";

    /// <summary>Kinds whose handlers are wrapped by <see cref="ApprovalGate{THandler}"/>.</summary>
    public static readonly IReadOnlySet<string> Gated = new HashSet<string>(StringComparer.Ordinal)
    {
        EnvironmentJobKinds.Update, EnvironmentJobKinds.Destroy, ReleaseJobKinds.Deploy, ReleaseJobKinds.Restart,
    };
}
