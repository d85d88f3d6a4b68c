using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Releases;
using Portal.Data.Queries;
using static Portal.Web.Tests.Approvals.ApprovalPortal;

namespace Portal.Web.Tests.Approvals;

/// <summary>Plan-bound approvals end to end through the services: the sandbox CLI plans and applies, SQLite records.</summary>
public sealed class ApprovalServiceTests(ApprovalPortal portal) : IClassFixture<ApprovalPortal>
{
    [Fact]
    public async Task Update_ProductionEnvironment_WaitsWithAPlan_OnlyAnEligibleOtherUserApproves_ThenItRunsOnce()
    {
        await portal.CreateAsync("prod-a", EnvironmentClass.Production);

        var request = await portal.RequestUpdateAsync("prod-a", """{"appReplicas":3}""", Alice);

        // Planned, nothing changed: the environment is still Ready with its old settings.
        Assert.Equal(("alice", "10.0.0.7", 0, 1), (request.Summary.RequestedBy, request.Summary.RequestedFrom, request.Summary.Approvals, request.Summary.RequiredApprovals));
        Assert.Matches("^[0-9a-f]{64}$", request.PlanHash);
        var web = Assert.Single(request.Plan!.Operations, o => o.Urn.EndsWith("::web", StringComparison.Ordinal));
        Assert.Equal("update", web.Operation);
        Assert.False(web.Destructive);
        Assert.Contains(request.Plan.ParameterChanges, c => c is { Name: "appReplicas", Before: "2", After: "3" });
        var environment = await portal.EnvironmentAsync("prod-a");
        Assert.Equal(("ready", 2), (environment.GetProperty("status").GetString(), environment.GetProperty("parameters").GetProperty("appReplicas").GetInt32()));

        // The requester can never approve, even holding the Approver role; an Operator without it cannot either.
        var own = await portal.Approvals.ApproveAsync(request.Summary.Id, null, Alice with { Name = "ALICE" });
        Assert.Equal(ApprovalDecisionStatus.Forbidden, own.Status);
        Assert.Equal("You requested this change; someone else must approve it.", own.Message);
        Assert.Equal(own.Message, portal.Approvals.WhyCannotDecide(request, Alice));
        Assert.Equal(ApprovalDecisionStatus.Forbidden, (await portal.Approvals.ApproveAsync(request.Summary.Id, null, Bob)).Status);
        Assert.Contains("Approver", portal.Approvals.WhyCannotDecide(request, Bob), StringComparison.Ordinal);
        Assert.Null(portal.Approvals.WhyCannotDecide(request, Carol));

        var approved = await portal.Approvals.ApproveAsync(request.Summary.Id, "Looks right.", Carol);
        Assert.Equal(ApprovalDecisionStatus.Recorded, approved.Status);
        var executionJobId = approved.Request!.ExecutionJobId!.Value;
        await portal.WaitForJobAsync(executionJobId, "succeeded");
        var consumed = (await portal.Approvals.GetAsync(request.Summary.Id))!;
        Assert.Equal(ApprovalStatus.Consumed, consumed.Summary.Status);
        Assert.Equal(3, (await portal.EnvironmentAsync("prod-a")).GetProperty("parameters").GetProperty("appReplicas").GetInt32());
        Assert.Equal(ApprovalDecisionStatus.Conflict, (await portal.Approvals.ApproveAsync(request.Summary.Id, null, ApprovalPortal.Dave with { Roles = Carol.Roles })).Status);

        // The same approval replayed on a second job is refused: each approval runs once.
        var queue = portal.Services.GetRequiredService<IJobQueue>();
        var replay = await queue.EnqueueAsync(new JobRequest
        {
            Kind = EnvironmentJobKinds.Update,
            Title = "Replay",
            EnvironmentId = consumed.Summary.EnvironmentId,
            Payload = ApprovalBinding.Attach("""{"parameters":{"appReplicas":5}}""", new ApprovalBinding(request.Summary.Id, request.PlanHash!)),
            RequestedBy = "mallory",
        });
        var replayed = await portal.WaitForJobAsync(replay, "failed");
        Assert.Contains("already used", replayed.GetProperty("error").GetString(), StringComparison.Ordinal);

        // A job of a gated kind without any approval does not run on a protected environment either.
        var unbound = await queue.EnqueueAsync(new JobRequest
        {
            Kind = EnvironmentJobKinds.Update,
            Title = "Unbound",
            EnvironmentId = consumed.Summary.EnvironmentId,
            Payload = new EnvironmentJobPayload(),
            RequestedBy = "mallory",
        });
        Assert.Contains("protected", (await portal.WaitForJobAsync(unbound, "failed")).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, (await portal.EnvironmentAsync("prod-a")).GetProperty("parameters").GetProperty("appReplicas").GetInt32());

        var actions = new[] { "approval.request", "approval.plan-ready", "approval.approve", "approval.consume" };
        foreach (var action in actions)
        {
            Assert.Contains(await portal.AuditAsync(action), e => e.GetProperty("target").GetString() == $"approval/{request.Summary.Id}");
        }

        var approveAudit = Assert.Single(await portal.AuditAsync("approval.approve"), e => e.GetProperty("target").GetString() == $"approval/{request.Summary.Id}");
        Assert.Equal(("carol", "10.0.0.9"), (approveAudit.GetProperty("actor").GetString(), approveAudit.GetProperty("remoteAddress").GetString()));
    }

    [Fact]
    public async Task Approve_EnvironmentChangedAfterThePlan_ExecutionRefusesAndTheRequestIsStaleWithApprovalsVoided()
    {
        await portal.CreateAsync("prod-b", EnvironmentClass.Production);
        var image = await portal.RequestUpdateAsync("prod-b", """{"appReplicas":3}""", Alice);
        var replicas = await portal.RequestUpdateAsync("prod-b", """{"nodeCount":3}""", Alice);

        // Both approved while the environment's queue holds them in order: the replica change runs first, so the
        // node change, planned with 2 replicas, would now also put the replicas back to 2.
        var first = await portal.Approvals.ApproveAsync(image.Summary.Id, null, Carol);
        var second = await portal.Approvals.ApproveAsync(replicas.Summary.Id, null, Carol);
        await portal.WaitForJobAsync(first.Request!.ExecutionJobId!.Value, "succeeded");
        var refused = await portal.WaitForJobAsync(second.Request!.ExecutionJobId!.Value, "failed");

        Assert.StartsWith("The planned change differs from what was approved: ", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("ask for approval again.", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        var stale = (await portal.Approvals.GetAsync(replicas.Summary.Id))!;
        Assert.Equal(ApprovalStatus.Stale, stale.Summary.Status);
        Assert.All(stale.Decisions, d => Assert.True(d.Voided));
        Assert.Equal(0, stale.Summary.Approvals);
        Assert.Contains("appReplicas would now also change, 3 → 2", stale.Error, StringComparison.Ordinal);
        var environment = await portal.EnvironmentAsync("prod-b");
        Assert.Equal((3, 2), (environment.GetProperty("parameters").GetProperty("appReplicas").GetInt32(), environment.GetProperty("parameters").GetProperty("nodeCount").GetInt32()));
        Assert.Contains(await portal.AuditAsync("approval.stale"), e => e.GetProperty("target").GetString() == $"approval/{replicas.Summary.Id}");
        Assert.Equal(ApprovalDecisionStatus.Conflict, (await portal.Approvals.ApproveAsync(replicas.Summary.Id, null, Carol with { Name = "erin" })).Status);
    }

    [Fact]
    public async Task Decisions_TwoOfMPolicy_NeedsTwoDistinctApprovers_AndOneRejectionStopsIt()
    {
        await portal.CreateAsync("stage-a", EnvironmentClass.Staging);
        var request = await portal.RequestUpdateAsync("stage-a", """{"appReplicas":3}""", Bob);
        Assert.Equal(2, request.Summary.RequiredApprovals);

        Assert.Equal(ApprovalDecisionStatus.Recorded, (await portal.Approvals.ApproveAsync(request.Summary.Id, null, Carol)).Status);
        Assert.Equal((ApprovalStatus.AwaitingApproval, 1), await StateAsync(request.Summary.Id));
        Assert.Equal(ApprovalDecisionStatus.Conflict, (await portal.Approvals.ApproveAsync(request.Summary.Id, null, Carol with { Name = "Carol" })).Status);
        var done = await portal.Approvals.ApproveAsync(request.Summary.Id, null, Dave);
        Assert.Equal((ApprovalStatus.Approved, 2), (done.Request!.Status, done.Request.Approvals));
        await portal.WaitForJobAsync(done.Request.ExecutionJobId!.Value, "succeeded");

        var rejected = await portal.RequestUpdateAsync("stage-a", """{"appReplicas":5}""", Bob);
        Assert.Equal(ApprovalDecisionStatus.Recorded, (await portal.Approvals.ApproveAsync(rejected.Summary.Id, null, Carol)).Status);
        var noComment = await portal.Approvals.RejectAsync(rejected.Summary.Id, "  ", Dave);
        Assert.Equal(ApprovalDecisionStatus.Invalid, noComment.Status);
        Assert.Contains("comment", noComment.Errors.Keys);
        Assert.Equal(ApprovalDecisionStatus.Recorded, (await portal.Approvals.RejectAsync(rejected.Summary.Id, "Not during the freeze.", Dave)).Status);
        Assert.Equal((ApprovalStatus.Rejected, 1), await StateAsync(rejected.Summary.Id));
        Assert.Equal(ApprovalDecisionStatus.Conflict, (await portal.Approvals.ApproveAsync(rejected.Summary.Id, null, Alice)).Status);
        Assert.Null((await portal.Approvals.GetAsync(rejected.Summary.Id))!.Summary.ExecutionJobId);
        Assert.Equal(3, (await portal.EnvironmentAsync("stage-a")).GetProperty("parameters").GetProperty("appReplicas").GetInt32());
    }

    [Fact]
    public async Task Destroy_ProductionEnvironment_PlansDestructiveOperations_AndExpiresUnanswered()
    {
        await portal.CreateAsync("prod-c", EnvironmentClass.Production);
        var request = await portal.PlannedAsync(await portal.Environments.DestroyAsync("prod-c", Dave));
        Assert.Equal("destroy", request.Summary.Operation);
        Assert.True(request.Plan!.HasDestructiveOperations);
        Assert.All(request.Plan.Operations, o => Assert.Equal(("delete", true), (o.Operation, o.Destructive)));

        portal.Clock.Advance(TimeSpan.FromHours(25));
        var expired = (await portal.Approvals.GetAsync(request.Summary.Id))!;
        Assert.Equal(ApprovalStatus.Expired, expired.Summary.Status);
        Assert.Equal(ApprovalDecisionStatus.Conflict, (await portal.Approvals.ApproveAsync(request.Summary.Id, null, Carol)).Status);
        Assert.Contains(await portal.AuditAsync("approval.expire"), e => e.GetProperty("target").GetString() == $"approval/{request.Summary.Id}");
        Assert.Equal("ready", (await portal.EnvironmentAsync("prod-c")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Release_ProductionWorkload_PlansTheLiveImage_RunsOnceApproved_AndGoesStaleWhenAnotherReleaseLandsFirst()
    {
        await portal.CreateAsync("prod-r", EnvironmentClass.Production);
        var releases = portal.Services.GetRequiredService<IReleaseService>();
        var first = await portal.PlannedAsync(await releases.ReleaseAsync(new ReleaseCommand("prod-r", "web", "nginx:1.28"), Bob));
        var second = await portal.PlannedAsync(await releases.ReleaseAsync(new ReleaseCommand("prod-r", "web", "nginx:1.29"), Bob));
        Assert.Equal(("release", "release.deploy"), (first.Summary.Operation, first.Summary.JobKind));
        Assert.Equal(new PlannedImage("web", "nginx:1.27", "nginx:1.28"), Assert.Single(first.Plan!.Images));

        var approved = await portal.Approvals.ApproveAsync(first.Summary.Id, null, Carol);
        var approvedSecond = await portal.Approvals.ApproveAsync(second.Summary.Id, null, Carol);
        var job = await portal.WaitForJobAsync(approved.Request!.ExecutionJobId!.Value, "succeeded");
        var releaseQueries = portal.Services.GetRequiredService<IReleaseQueryService>();
        var record = (await releaseQueries.GetByJobAsync(job.GetProperty("id").GetInt64()))!;
        Assert.Equal(("nginx:1.27", "nginx:1.28", "bob", ReleaseStatus.Succeeded), (record.ImageBefore, record.ImageAfter, record.RequestedBy, record.Status));

        // The second was planned against nginx:1.27; nginx:1.28 runs now, so its approval no longer holds.
        var refused = await portal.WaitForJobAsync(approvedSecond.Request!.ExecutionJobId!.Value, "failed");
        Assert.Contains("web now runs nginx:1.28", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Stale, (await portal.Approvals.GetAsync(second.Summary.Id))!.Summary.Status);
        var refusedRecord = (await releaseQueries.GetByJobAsync(approvedSecond.Request.ExecutionJobId!.Value))!;
        Assert.Equal(ReleaseStatus.Failed, refusedRecord.Status);
    }

    [Fact]
    public async Task Release_ProductionPulumiConfigWorkload_PlansThePulumiPreviewOfTheImageChange_AndRunsIt()
    {
        await portal.CreateAsync("dev-k", EnvironmentClass.Development);
        var service = await portal.Environments.CreateAsync(new CreateEnvironmentCommand("prod-svc", "app-service", EnvironmentClass.Production,
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"cluster":"dev-k","image":"nginx:1.27","databasePassword":"correct-horse-battery"}""")!), Dave);
        await portal.WaitForJobAsync(service.JobId!.Value, "succeeded");

        var releases = portal.Services.GetRequiredService<IReleaseService>();
        var request = await portal.PlannedAsync(await releases.ReleaseAsync(new ReleaseCommand("prod-svc", "app", "nginx:1.28"), Bob));

        // The plan is what the job will run: pulumi up with the image parameter changed, so the Deployment updates.
        Assert.Equal(new PlannedImage("app", "nginx:1.27", "nginx:1.28"), Assert.Single(request.Plan!.Images));
        var update = Assert.Single(request.Plan.Operations);
        Assert.Equal(("kubernetes:apps/v1:Deployment", "update", false), (update.Type, update.Operation, update.Destructive));
        Assert.Equal(("image", "nginx:1.27", "nginx:1.28"), (request.Plan.ParameterChanges.Single().Name, request.Plan.ParameterChanges.Single().Before, request.Plan.ParameterChanges.Single().After));

        var approved = await portal.Approvals.ApproveAsync(request.Summary.Id, null, Carol);
        await portal.WaitForJobAsync(approved.Request!.ExecutionJobId!.Value, "succeeded");
        Assert.Equal(ApprovalStatus.Consumed, (await portal.Approvals.GetAsync(request.Summary.Id))!.Summary.Status);
        Assert.Equal("nginx:1.28", (await portal.EnvironmentAsync("prod-svc")).GetProperty("parameters").GetProperty("image").GetString());
    }

    [Fact]
    public async Task Changes_NonProductionEnvironment_AreQueuedWithoutApproval()
    {
        await portal.CreateAsync("dev-a", EnvironmentClass.Development);
        var update = await portal.Environments.UpdateAsync("dev-a", JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"appReplicas":3}""")!, Bob);
        Assert.Equal(EnvironmentCommandStatus.Accepted, update.Status);
        Assert.Null(update.ApprovalRequestId);
        await portal.WaitForJobAsync(update.JobId!.Value, "succeeded");
        Assert.Equal(0, (await portal.Approvals.ListAsync(new ApprovalFilter(Environment: "dev-a"), 0, 10)).TotalCount);
    }

    private async Task<(ApprovalStatus, int)> StateAsync(long id)
    {
        var detail = (await portal.Approvals.GetAsync(id))!;
        return (detail.Summary.Status, detail.Summary.Approvals);
    }
}
