using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Provisioning.Approvals;
using static Portal.Web.Tests.Approvals.ApprovalPortal;

namespace Portal.Web.Tests.Approvals;

/// <summary>
/// Expiry: reads compute it without writing; the sweep records it as the system; a write path that meets an unswept
/// expired request records it and refuses. The fixture's clock is moved, never waited for, and its background sweep
/// does not tick during the tests (they call it).
/// </summary>
public sealed class ApprovalExpiryTests(ApprovalPortal portal) : IClassFixture<ApprovalPortal>
{
    private const string NoMoreDecisions = "This request is expired; it takes no more decisions.";

    [Fact]
    public async Task Read_AwaitingPastItsExpiry_ReadsExpired_AndWritesNothing()
    {
        var (id, _) = await portal.InsertRequestAsync("prod-exp-read", EnvironmentClass.Production, ApprovalStatus.AwaitingApproval);
        Assert.Equal(ApprovalStatus.AwaitingApproval, (await portal.Approvals.GetAsync(id))!.Summary.Status);
        portal.Clock.Advance(TimeSpan.FromHours(2));
        var before = await SnapshotAsync(id);

        var detail = (await portal.Approvals.GetAsync(id))!;
        var expired = await portal.Approvals.ListAsync(new ApprovalFilter(ApprovalStatus.Expired, "prod-exp-read"), 0, 10);
        var waiting = await portal.Approvals.ListAsync(new ApprovalFilter(ApprovalStatus.AwaitingApproval, "prod-exp-read"), 0, 10);
        var all = await portal.Approvals.ListAsync(new ApprovalFilter(Environment: "prod-exp-read"), 0, 10);
        var api = await GetJsonAsync($"/api/approvals/{id}");
        var apiList = await GetJsonAsync("/api/approvals?status=expired&environment=prod-exp-read");
        var apiWaiting = await GetJsonAsync("/api/approvals?status=awaiting&environment=prod-exp-read");

        // Expired, closed at its expiry time, in every read and filter...
        Assert.Equal((ApprovalStatus.Expired, detail.Summary.ExpiresAt), (detail.Summary.Status, detail.DecidedAt));
        Assert.Equal(NoMoreDecisions, portal.Approvals.WhyCannotDecide(detail, Carol));
        Assert.Equal(id, Assert.Single(expired.Items).Id);
        Assert.Equal(0, waiting.TotalCount);
        Assert.Equal(ApprovalStatus.Expired, Assert.Single(all.Items).Status);
        Assert.Equal("expired", api.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(id, Assert.Single(apiList.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(0, apiWaiting.GetProperty("totalCount").GetInt32());

        // ...and nothing was written: the row still waits for the sweep, and the audit log did not grow.
        Assert.Equal(before, await SnapshotAsync(id));
        Assert.Equal((ApprovalStatus.AwaitingApproval, null), (before.Status, before.DecidedAt));
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    [InlineData("cancel")]
    public async Task Write_AwaitingPastItsExpiry_NotYetSwept_ExpiresItOnce_AsTheSystem_ThenRefuses(string action)
    {
        var (id, _) = await portal.InsertRequestAsync($"prod-exp-{action}", EnvironmentClass.Production, ApprovalStatus.AwaitingApproval,
            expiresIn: TimeSpan.FromMinutes(-5));
        var lastAudit = await LastAuditIdAsync();

        var first = await DecideAsync(action, id);
        var second = await DecideAsync(action, id);

        var refusal = action == "cancel" ? $"Request #{id} is expired; it can no longer be withdrawn." : NoMoreDecisions;
        Assert.Equal((ApprovalDecisionStatus.Conflict, refusal), (first.Status, first.Message));
        Assert.Equal((ApprovalDecisionStatus.Conflict, refusal), (second.Status, second.Message));
        var row = await SnapshotAsync(id);
        var expiresAt = (await portal.Approvals.GetAsync(id))!.Summary.ExpiresAt;
        Assert.Equal((ApprovalStatus.Expired, expiresAt), (row.Status, row.DecidedAt));
        var written = Assert.Single(await AuditSinceAsync(lastAudit));
        Assert.Equal(("approval.expire", ApprovalStore.SystemActor, $"approval/{id}", "expired"), (written.Action, written.Actor, written.Target, written.Outcome));
        Assert.Empty(await DecisionsAsync(id));
    }

    [Fact]
    public async Task Sweep_RecordsWaitingRequestsPastTheirExpiry_AsTheSystem_AndLeavesTheOthers()
    {
        var (due, _) = await portal.InsertRequestAsync("prod-exp-sweep-due", EnvironmentClass.Production, ApprovalStatus.AwaitingApproval,
            expiresIn: TimeSpan.FromMinutes(-5));
        var (planning, _) = await portal.InsertRequestAsync("prod-exp-sweep-planning", EnvironmentClass.Production, ApprovalStatus.Planning,
            expiresIn: TimeSpan.FromMinutes(-1));
        var (open, _) = await portal.InsertRequestAsync("prod-exp-sweep-open", EnvironmentClass.Production, ApprovalStatus.AwaitingApproval);
        var (rejected, _) = await portal.InsertRequestAsync("prod-exp-sweep-rejected", EnvironmentClass.Production, ApprovalStatus.Rejected,
            expiresIn: TimeSpan.FromMinutes(-5));
        var lastAudit = await LastAuditIdAsync();

        await portal.Services.GetRequiredService<ApprovalExpirySweeper>().SweepOnceAsync(CancellationToken.None);

        Assert.Equal(ApprovalStatus.Expired, (await SnapshotAsync(due)).Status);
        Assert.Equal(ApprovalStatus.Expired, (await SnapshotAsync(planning)).Status);
        Assert.Equal(ApprovalStatus.AwaitingApproval, (await SnapshotAsync(open)).Status);
        Assert.Equal(ApprovalStatus.Rejected, (await SnapshotAsync(rejected)).Status);
        var written = (await AuditSinceAsync(lastAudit)).Where(e => e.Action == "approval.expire").ToList();
        Assert.All(written, e => Assert.Equal(ApprovalStore.SystemActor, e.Actor));
        Assert.Single(written, e => e.Target == $"approval/{due}");
        Assert.Single(written, e => e.Target == $"approval/{planning}");
        Assert.DoesNotContain(written, e => e.Target == $"approval/{open}" || e.Target == $"approval/{rejected}");
    }

    private Task<ApprovalDecisionResult> DecideAsync(string action, long id) => action switch
    {
        "approve" => portal.Approvals.ApproveAsync(id, null, Carol),
        "reject" => portal.Approvals.RejectAsync(id, "Too late for this change.", Carol),
        _ => portal.Approvals.CancelAsync(id, Alice),
    };

    private async Task<JsonElement> GetJsonAsync(string path) =>
        JsonDocument.Parse(await portal.Client.GetStringAsync(path)).RootElement.Clone();

    private async Task<RowSnapshot> SnapshotAsync(long id)
    {
        await using var context = await CreateContextAsync();
        var row = await context.ApprovalRequests.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.Status, r.DecidedAt }).SingleAsync();
        return new RowSnapshot(row.Status, row.DecidedAt, await context.AuditEntries.CountAsync());
    }

    private async Task<long> LastAuditIdAsync()
    {
        await using var context = await CreateContextAsync();
        return await context.AuditEntries.MaxAsync(e => e.Sequence);
    }

    private async Task<List<AuditEntry>> AuditSinceAsync(long lastId)
    {
        await using var context = await CreateContextAsync();
        return await context.AuditEntries.AsNoTracking().Where(e => e.Sequence > lastId).OrderBy(e => e.Sequence).ToListAsync();
    }

    private async Task<List<ApprovalDecision>> DecisionsAsync(long id)
    {
        await using var context = await CreateContextAsync();
        return await context.ApprovalDecisions.AsNoTracking().Where(d => d.ApprovalRequestId == id).ToListAsync();
    }

    private Task<PortalDbContext> CreateContextAsync() =>
        portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private sealed record RowSnapshot(ApprovalStatus Status, DateTimeOffset? DecidedAt, int AuditEntries);
}
