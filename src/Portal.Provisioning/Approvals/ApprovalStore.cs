using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Redaction;
using Portal.Data.Entities;
using Portal.Provisioning.Jobs;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// The request's state changes the jobs make (planned, plan failed, stale, consumed) and expiry, each written with its
/// audit entry in one transaction, then announced to live views.
/// </summary>
public sealed class ApprovalStore(
    IDbContextFactory<PortalDbContext> contextFactory, ApprovalPolicies policies, ApprovalUpdatesNotifier notifier, ISecretRedactor redactor, TimeProvider clock)
{
    public const string SystemActor = "system";

    public async Task<ApprovalRequest?> GetAsync(long requestId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.ApprovalRequests.AsNoTracking().Include(r => r.Environment).Include(r => r.Decisions)
            .FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
    }

    /// <summary>True when the environment's class is protected now.</summary>
    public async Task<bool> IsProtectedAsync(long environmentId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var environmentClass = await context.Environments.AsNoTracking().Where(e => e.Id == environmentId).Select(e => (EnvironmentClass?)e.Class).FirstOrDefaultAsync(cancellationToken);
        return environmentClass is { } c && policies.IsProtected(c);
    }

    /// <summary>Planning → AwaitingApproval with the plan and its hash. False when the request left Planning meanwhile.</summary>
    public Task<bool> MarkPlannedAsync(long requestId, long planJobId, ApprovalPlan plan, string hash, CancellationToken cancellationToken) =>
        TransitionAsync(requestId, [ApprovalStatus.Planning], ApprovalStatus.AwaitingApproval, SystemActor, null, "approval.plan-ready", request =>
        {
            request.PlanJobId = planJobId;
            request.PlanJson = ApprovalPlanHasher.Serialize(plan);
            request.PlanHash = hash;
            return new { planJobId, planHash = hash, operations = plan.Operations.Count, destructive = plan.Operations.Count(o => o.Destructive) };
        }, cancellationToken);

    public Task<bool> MarkPlanFailedAsync(long requestId, long planJobId, string error, CancellationToken cancellationToken) =>
        TransitionAsync(requestId, [ApprovalStatus.Planning], ApprovalStatus.PlanFailed, SystemActor, null, "approval.plan-failed", request =>
        {
            request.PlanJobId = planJobId;
            request.Error = redactor.Redact(error);
            request.DecidedAt = clock.GetUtcNow();
            return new { planJobId, error };
        }, cancellationToken);

    /// <summary>Approved → Stale: the plan changed before the approved job ran; every decision is voided.</summary>
    public Task<bool> MarkStaleAsync(long requestId, long jobId, string reason, string currentHash, CancellationToken cancellationToken) =>
        TransitionAsync(requestId, [ApprovalStatus.Approved], ApprovalStatus.Stale, SystemActor, null, "approval.stale", request =>
        {
            foreach (var decision in request.Decisions)
            {
                decision.Voided = true;
            }

            request.ExecutionJobId = jobId;
            request.Error = redactor.Redact($"The planned change differs from what was approved: {reason}.");
            return new { jobId, approvedHash = request.PlanHash, currentHash, reason, voided = request.Decisions.Select(d => d.User).ToArray() };
        }, cancellationToken);

    /// <summary>
    /// Approved → Consumed by <paramref name="jobId"/>, in one conditional UPDATE: an approval runs exactly one job.
    /// False when it is not Approved any more (already used, or stale).
    /// </summary>
    public async Task<bool> TryConsumeAsync(long requestId, long jobId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var updated = await context.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE ApprovalRequests SET Status = 'Consumed', ExecutionJobId = {jobId} WHERE Id = {requestId} AND Status = 'Approved' AND (ExecutionJobId IS NULL OR ExecutionJobId = {jobId})",
            cancellationToken);
        if (updated == 0)
        {
            return false;
        }

        var request = await context.ApprovalRequests.AsNoTracking().Include(r => r.Environment).FirstAsync(r => r.Id == requestId, cancellationToken);
        context.AuditEntries.Add(Audit(request, "approval.consume", SystemActor, null, "consumed", new { jobId, planHash = request.PlanHash }, now));
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        notifier.Publish(new ApprovalUpdate(requestId, request.EnvironmentId, ApprovalStatus.Consumed));
        return true;
    }

    /// <summary>Records every request waiting past its expiry as Expired (audited as the system); returns how many.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var due = await context.ApprovalRequests.AsNoTracking()
            .Where(r => ApprovalExpiry.Expirable.Contains(r.Status) && r.ExpiresAt <= now)
            .Select(r => r.Id).ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var id in due)
        {
            if (await ExpireAsync(id, cancellationToken))
            {
                expired++;
            }
        }

        return expired;
    }

    /// <summary>
    /// Records one request waiting past its expiry as Expired, closed at its expiry time (what reads showed before),
    /// with an <c>approval.expire</c> audit entry by the system. False when it is not due or no longer waiting.
    /// Only the sweep and write paths call it: reads compute the same status without writing.
    /// </summary>
    public Task<bool> ExpireAsync(long requestId, CancellationToken cancellationToken) =>
        TransitionAsync(requestId, ApprovalExpiry.Expirable, ApprovalStatus.Expired, SystemActor, null, "approval.expire", request =>
        {
            request.DecidedAt = request.ExpiresAt;
            return new { request.ExpiresAt, approvals = request.Decisions.Count(d => d.Approved && !d.Voided), request.RequiredApprovals };
        }, cancellationToken, onlyIfDue: true);

    /// <summary>Approved requests whose execution job was never queued (the portal stopped in between).</summary>
    public async Task<IReadOnlyList<long>> FindApprovedNotQueuedAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - olderThan;
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.ApprovalRequests.AsNoTracking()
            .Where(r => r.Status == ApprovalStatus.Approved && r.ExecutionQueuedAt == null && r.DecidedAt <= before)
            .Select(r => r.Id).ToListAsync(cancellationToken);
    }

    internal static AuditEntry Audit(ApprovalRequest request, string action, string actor, string? remoteAddress, string outcome, object details, DateTimeOffset now) => new()
    {
        Time = now,
        Actor = actor,
        Action = action,
        Target = $"approval/{request.Id}",
        EnvironmentName = request.Environment?.Name,
        DetailsJson = JsonSerializer.Serialize(details, JobJson.Options),
        Outcome = outcome,
        RemoteAddress = remoteAddress,
    };

    private async Task<bool> TransitionAsync(
        long requestId, ApprovalStatus[] from, ApprovalStatus to, string actor, string? remoteAddress, string action,
        Func<ApprovalRequest, object> apply, CancellationToken cancellationToken, bool onlyIfDue = false)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var request = await context.ApprovalRequests.Include(r => r.Environment).Include(r => r.Decisions)
            .FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || !from.Contains(request.Status) || (onlyIfDue && request.ExpiresAt > now))
        {
            return false;
        }

        var details = apply(request);
        request.Status = to;
        context.AuditEntries.Add(Audit(request, action, actor, remoteAddress, to.ToString().ToLowerInvariant(), details, now));
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        notifier.Publish(new ApprovalUpdate(requestId, request.EnvironmentId, to));
        return true;
    }
}
