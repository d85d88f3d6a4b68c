using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Data.Redaction;
using Portal.Provisioning.Access;
using Portal.Provisioning.Approvals;
using static Portal.Web.Tests.Approvals.ApprovalPortal;

namespace Portal.Web.Tests.Approvals;

/// <summary>
/// Break-glass through the service: an Admin approves a waiting request alone, with a reason; the job still runs only
/// for the approved plan, and only once. Real SQLite, the sandbox CLI and cluster (staging has break-glass turned off).
/// </summary>
public sealed class BreakGlassServiceTests(ApprovalPortal portal) : IClassFixture<ApprovalPortal>
{
    private const string Reason = "Incident 4711: the on-call approver is unreachable.";

    [Fact]
    public async Task BreakGlass_AdminWhoRequested_ApprovesAlone_TheJobRunsOnce_AndTheDecisionAndAuditSaySo()
    {
        await portal.CreateAsync("prod-bg", EnvironmentClass.Production);
        var request = await portal.RequestUpdateAsync("prod-bg", """{"appReplicas":3}""", Dave);
        var id = request.Summary.Id;

        // Only an Admin may, and the reason is required: 20 characters or more once trimmed.
        Assert.Null(portal.Approvals.WhyCannotBreakGlass(request, Dave));
        Assert.Contains("Admin", portal.Approvals.WhyCannotBreakGlass(request, Carol), StringComparison.Ordinal);
        var missing = await portal.Approvals.BreakGlassAsync(id, "   ", Dave);
        Assert.Equal(ApprovalDecisionStatus.Invalid, missing.Status);
        Assert.StartsWith("Say why you break glass", Assert.Single(missing.Errors["reason"]), StringComparison.Ordinal);
        var tooShort = await portal.Approvals.BreakGlassAsync(id, "   prod is down, go    ", Dave);
        Assert.Equal("The reason is 16 characters long; write at least 20 so others understand the emergency.", Assert.Single(tooShort.Errors["reason"]));
        Assert.Equal(ApprovalDecisionStatus.Invalid, (await portal.Approvals.BreakGlassAsync(id, new string('x', 2001), Dave)).Status);
        Assert.Equal((ApprovalStatus.AwaitingApproval, 0), await StateAsync(id));

        // A secret the process knows is masked in the stored reason and the audit entry.
        portal.Services.GetRequiredService<ISecretRedactor>().Register("hunter2-database-password");
        var broken = await portal.Approvals.BreakGlassAsync(id, $"  {Reason} Tried hunter2-database-password.  ", Dave);

        Assert.Equal(ApprovalDecisionStatus.Recorded, broken.Status);
        Assert.StartsWith("Approved by break-glass", broken.Message, StringComparison.Ordinal);
        Assert.True(broken.Request!.BreakGlass);
        await portal.WaitForJobAsync(broken.Request.ExecutionJobId!.Value, "succeeded");
        Assert.Equal(3, (await portal.EnvironmentAsync("prod-bg")).GetProperty("parameters").GetProperty("appReplicas").GetInt32());
        var consumed = (await portal.Approvals.GetAsync(id))!;
        Assert.Equal(ApprovalStatus.Consumed, consumed.Summary.Status);
        Assert.Equal((true, 0), (consumed.Summary.BreakGlass, consumed.Summary.Approvals));
        var decision = Assert.Single(consumed.Decisions);
        Assert.Equal(("dave", true, true, true, "10.0.0.10"), (decision.User, decision.Approved, decision.BreakGlass, decision.ByRequester, decision.RemoteAddress));
        Assert.Equal($"{Reason} Tried [secret].", decision.Comment);

        var audit = Assert.Single(await portal.AuditAsync(ApprovalService.BreakGlassAction), e => e.GetProperty("target").GetString() == $"approval/{id}");
        Assert.Equal(("dave", "10.0.0.10", "approved", "prod-bg"), (audit.GetProperty("actor").GetString(), audit.GetProperty("remoteAddress").GetString(),
            audit.GetProperty("outcome").GetString(), audit.GetProperty("environmentName").GetString()));
        var details = JsonDocument.Parse(audit.GetProperty("detailsJson").GetString()!).RootElement;
        Assert.Equal($"{Reason} Tried [secret].", details.GetProperty("reason").GetString());
        Assert.Equal(request.PlanHash, details.GetProperty("planHash").GetString());
        Assert.True(details.GetProperty("byRequester").GetBoolean());
        Assert.DoesNotContain("hunter2", audit.ToString(), StringComparison.Ordinal);
        Assert.Contains(await portal.AuditAsync("approval.consume"), e => e.GetProperty("target").GetString() == $"approval/{id}");

        // Used once: a second break-glass, or an approval, takes nothing.
        var again = await portal.Approvals.BreakGlassAsync(id, Reason, Dave);
        Assert.Equal(ApprovalDecisionStatus.Conflict, again.Status);
        Assert.Equal("This request is used (its job ran); only a request awaiting approval can be approved by break-glass.", again.Message);
        Assert.Equal(ApprovalDecisionStatus.Conflict, (await portal.Approvals.ApproveAsync(id, null, Carol)).Status);
        Assert.Single(await portal.AuditAsync(ApprovalService.BreakGlassAction), e => e.GetProperty("target").GetString() == $"approval/{id}");
    }

    [Fact]
    public async Task BreakGlass_ThePlanChangesBeforeTheJobRuns_TheJobRefusesAndTheRequestGoesStale()
    {
        await portal.CreateAsync("prod-bgs", EnvironmentClass.Production);
        var replicas = await portal.RequestUpdateAsync("prod-bgs", """{"appReplicas":3}""", Alice);
        var nodes = await portal.RequestUpdateAsync("prod-bgs", """{"nodeCount":3}""", Alice);

        // The replica change runs first; the node change, broken open while planned with 2 replicas, would now also
        // put the replicas back: break-glass skipped the approver, not the plan binding.
        var first = await portal.Approvals.ApproveAsync(replicas.Summary.Id, null, Carol);
        var broken = await portal.Approvals.BreakGlassAsync(nodes.Summary.Id, Reason, Dave);
        Assert.Equal(ApprovalDecisionStatus.Recorded, broken.Status);
        await portal.WaitForJobAsync(first.Request!.ExecutionJobId!.Value, "succeeded");
        var refused = await portal.WaitForJobAsync(broken.Request!.ExecutionJobId!.Value, "failed");

        Assert.StartsWith("The planned change differs from what was approved: ", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        var stale = (await portal.Approvals.GetAsync(nodes.Summary.Id))!;
        Assert.Equal(ApprovalStatus.Stale, stale.Summary.Status);
        var decision = Assert.Single(stale.Decisions);
        Assert.Equal((true, true, false), (decision.BreakGlass, decision.Voided, decision.ByRequester));
        Assert.Equal(2, (await portal.EnvironmentAsync("prod-bgs")).GetProperty("parameters").GetProperty("nodeCount").GetInt32());
        Assert.Equal(ApprovalDecisionStatus.Conflict, (await portal.Approvals.BreakGlassAsync(nodes.Summary.Id, Reason, Dave)).Status);
    }

    [Fact]
    public async Task BreakGlass_NonAdmins_AreForbiddenAndAudited_AndNothingChanges()
    {
        var (id, _) = await portal.InsertRequestAsync("prod-bg-roles", EnvironmentClass.Production, ApprovalStatus.AwaitingApproval);

        foreach (var actor in new[] { Alice, Bob, Carol, Carol with { Name = "erin", Roles = PortalRoles.Viewer } })
        {
            var result = await portal.Approvals.BreakGlassAsync(id, Reason, actor);
            Assert.Equal(ApprovalDecisionStatus.Forbidden, result.Status);
            Assert.Contains("needs the Admin role", result.Message, StringComparison.Ordinal);
            Assert.Contains(await portal.AuditAsync(ApprovalService.BreakGlassAction), e => e.GetProperty("outcome").GetString() == "denied"
                && e.GetProperty("actor").GetString() == actor.Name && e.GetProperty("target").GetString() == $"approval/{id}"
                && e.GetProperty("environmentName").GetString() == "prod-bg-roles" && e.GetProperty("remoteAddress").GetString() == actor.RemoteAddress);
        }

        // A non-Admin is told no before anything else, even with no reason or for a request that does not exist.
        Assert.Equal(ApprovalDecisionStatus.Forbidden, (await portal.Approvals.BreakGlassAsync(id, null, Bob)).Status);
        Assert.Equal(ApprovalDecisionStatus.Forbidden, (await portal.Approvals.BreakGlassAsync(999_999, Reason, Bob)).Status);
        Assert.Equal(ApprovalDecisionStatus.NotFound, (await portal.Approvals.BreakGlassAsync(999_999, Reason, Dave)).Status);
        Assert.Equal((ApprovalStatus.AwaitingApproval, 0), await StateAsync(id));
        Assert.DoesNotContain(await portal.AuditAsync(ApprovalService.BreakGlassAction), e => e.GetProperty("target").GetString() == $"approval/{id}"
            && e.GetProperty("outcome").GetString() != "denied");
    }

    [Theory]
    [InlineData(ApprovalStatus.Planning, "still being planned")]
    [InlineData(ApprovalStatus.PlanFailed, "closed (its plan failed)")]
    [InlineData(ApprovalStatus.Approved, "approved")]
    [InlineData(ApprovalStatus.Consumed, "used (its job ran)")]
    [InlineData(ApprovalStatus.Rejected, "rejected")]
    [InlineData(ApprovalStatus.Expired, "expired")]
    [InlineData(ApprovalStatus.Stale, "stale")]
    [InlineData(ApprovalStatus.Cancelled, "cancelled")]
    public async Task BreakGlass_RequestNotAwaitingApproval_IsAConflict_AndNothingIsWritten(ApprovalStatus status, string said)
    {
        var (id, _) = await portal.InsertRequestAsync($"prod-bg-{status.ToString().ToLowerInvariant()}", EnvironmentClass.Production, status);

        var result = await portal.Approvals.BreakGlassAsync(id, Reason, Dave);

        Assert.Equal(ApprovalDecisionStatus.Conflict, result.Status);
        Assert.Contains(said, result.Message, StringComparison.Ordinal);
        Assert.Equal((status, 0), await StateAsync(id));
        Assert.DoesNotContain(await portal.AuditAsync(ApprovalService.BreakGlassAction), e => e.GetProperty("target").GetString() == $"approval/{id}");
    }

    [Fact]
    public async Task BreakGlass_AwaitingPastItsExpiry_IsExpiredFirst_ThenAConflict()
    {
        var (id, _) = await portal.InsertRequestAsync("prod-bg-due", EnvironmentClass.Production, ApprovalStatus.AwaitingApproval, expiresIn: TimeSpan.FromMinutes(-1));

        var result = await portal.Approvals.BreakGlassAsync(id, Reason, Dave);

        Assert.Equal(ApprovalDecisionStatus.Conflict, result.Status);
        Assert.Contains("expired", result.Message, StringComparison.Ordinal);
        Assert.Equal((ApprovalStatus.Expired, 0), await StateAsync(id));
    }

    [Fact]
    public async Task BreakGlass_ClassPolicyTurnsItOff_IsAConflictNamingTheSetting()
    {
        var (id, _) = await portal.InsertRequestAsync("stage-bg-off", EnvironmentClass.Staging, ApprovalStatus.AwaitingApproval);
        var detail = (await portal.Approvals.GetAsync(id))!;

        var result = await portal.Approvals.BreakGlassAsync(id, Reason, Dave);

        Assert.Equal(ApprovalDecisionStatus.Conflict, result.Status);
        Assert.Equal("Break-glass is turned off for staging environments (Approvals:Classes:staging:AllowBreakGlass); this request needs its approvals.", result.Message);
        Assert.Equal(result.Message, portal.Approvals.WhyCannotBreakGlass(detail, Dave));
        Assert.Equal((ApprovalStatus.AwaitingApproval, 0), await StateAsync(id));
    }

    private async Task<(ApprovalStatus, int)> StateAsync(long id)
    {
        var detail = (await portal.Approvals.GetAsync(id))!;
        return (detail.Summary.Status, detail.Summary.Approvals);
    }
}
