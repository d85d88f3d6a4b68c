using Microsoft.Extensions.Options;
using Portal.Data.Entities;

namespace Portal.Provisioning.Approvals;

/// <summary>Reads the configured policy of an environment class (the current configuration, so a reload applies).</summary>
public sealed class ApprovalPolicies(IOptionsMonitor<ApprovalOptions> options)
{
    /// <summary>The class's policy, or null when the class is not protected.</summary>
    public ApprovalClassPolicy? Find(EnvironmentClass environmentClass) =>
        options.CurrentValue.Classes.TryGetValue(environmentClass.ToString(), out var policy) && policy.RequiredApprovals > 0 ? policy : null;

    public bool IsProtected(EnvironmentClass environmentClass) => Find(environmentClass) is not null;

    /// <summary>
    /// Whether an Admin may break glass on the class's requests now (<see cref="ApprovalClassPolicy.AllowBreakGlass"/>;
    /// true for a class without an entry, such as one that was protected when the request was made).
    /// </summary>
    public bool AllowsBreakGlass(EnvironmentClass environmentClass) =>
        !options.CurrentValue.Classes.TryGetValue(environmentClass.ToString(), out var policy) || policy.AllowBreakGlass;
}
