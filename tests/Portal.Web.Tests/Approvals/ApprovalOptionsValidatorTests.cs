using Portal.Provisioning.Access;
using Portal.Provisioning.Approvals;

namespace Portal.Web.Tests.Approvals;

public sealed class ApprovalOptionsValidatorTests
{
    [Fact]
    public void Validate_BadClassesAndValues_ReportsEveryProblem()
    {
        var options = new ApprovalOptions { ExpirySweepInterval = TimeSpan.Zero };
        options.Classes["prod"] = new ApprovalClassPolicy();
        var staging = new ApprovalClassPolicy { RequiredApprovals = -1, Expiry = TimeSpan.Zero };
        staging.EligibleRoles.Add(PortalRoles.None);
        options.Classes["staging"] = staging;
        options.Classes["development"] = new ApprovalClassPolicy { RequiredApprovals = 0, AllowBreakGlass = false };

        var result = new ApprovalOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Approvals:Classes:prod: unknown environment class", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Approvals:Classes:staging:RequiredApprovals", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Approvals:Classes:staging:Expiry", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Approvals:Classes:staging:EligibleRoles", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Approvals:ExpirySweepInterval", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Approvals:Classes:development:AllowBreakGlass is false on a class that is not protected", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ProductionDefault_Succeeds()
    {
        var options = new ApprovalOptions();
        options.Classes["Production"] = new ApprovalClassPolicy();

        Assert.True(new ApprovalOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(PortalRoles.Approver, options.Classes["production"].EligibleRoleFlags);
        Assert.True(options.Classes["production"].AllowBreakGlass);
    }
}
