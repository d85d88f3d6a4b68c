using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Data;
using Portal.Data.Redaction;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Access;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// <see cref="IApprovalService"/>: requests, decisions and the queuing of approved jobs; break-glass in
/// <c>ApprovalService.BreakGlass.cs</c>.
/// </summary>
public sealed partial class ApprovalService(
    IDbContextFactory<PortalDbContext> contextFactory,
    IJobQueue queue,
    ApprovalStore store,
    ApprovalPolicies policies,
    ApprovalUpdatesNotifier notifier,
    IEnumerable<IApprovalExecutionCompanion> companions,
    AccessGuard guard,
    ISecretRedactor redactor,
    ILogger<ApprovalService> logger,
    TimeProvider clock) : IApprovalService
{
    public const int MaxCommentLength = 2000;

    public bool RequiresApproval(EnvironmentClass environmentClass) => policies.IsProtected(environmentClass);

    public async Task<EnvironmentCommandResult> RequestAsync(ApprovalSubmission submission, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(actor);
        var policy = policies.Find(submission.EnvironmentClass)
            ?? throw new InvalidOperationException($"{submission.EnvironmentClass} environments are not protected.");
        var job = submission.Job;
        var now = clock.GetUtcNow();
        var request = new ApprovalRequest
        {
            EnvironmentId = submission.EnvironmentId,
            Operation = submission.Operation,
            JobKind = job.Kind,
            JobTitle = job.Title,
            JobPayloadJson = JsonSerializer.Serialize(job.Payload ?? new { }, JobJson.Options),
            RequestedBy = actor.Name,
            RequestedAt = now,
            RequestedFrom = actor.RemoteAddress,
            Status = ApprovalStatus.Planning,
            ExpiresAt = now + policy.Expiry,
            RequiredApprovals = policy.RequiredApprovals,
        };

        // The request and its audit entry first; then its plan job in the environment's queue.
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            context.ApprovalRequests.Add(request);
            await context.SaveChangesAsync(cancellationToken);
            context.AuditEntries.Add(new AuditEntry
            {
                Time = now,
                Actor = actor.Name,
                Action = "approval.request",
                Target = $"approval/{request.Id}",
                EnvironmentName = submission.EnvironmentName,
                DetailsJson = JsonSerializer.Serialize(new
                {
                    operation = submission.Operation,
                    jobKind = job.Kind,
                    title = job.Title,
                    action = job.Audit?.Action,
                    details = job.Audit?.Details,
                    requiredApprovals = policy.RequiredApprovals,
                    expiresAt = request.ExpiresAt,
                }, JobJson.Options),
                Outcome = "requested",
                RemoteAddress = actor.RemoteAddress,
            });
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var planJobId = await queue.EnqueueAsync(new JobRequest
        {
            Kind = ApprovalJobKinds.Plan,
            Title = $"Plan for approval: {job.Title}",
            EnvironmentId = submission.EnvironmentId,
            EnvironmentName = submission.EnvironmentName,
            Payload = new ApprovalPlanPayload(request.Id),
            RequestedBy = actor.Name,
            Audit = new JobAudit("approval.plan", $"approval/{request.Id}", new { operation = submission.Operation }, actor.RemoteAddress),
        }, cancellationToken: cancellationToken);
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            await context.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE ApprovalRequests SET PlanJobId = {planJobId} WHERE Id = {request.Id} AND PlanJobId IS NULL", cancellationToken);
        }

        notifier.Publish(new ApprovalUpdate(request.Id, submission.EnvironmentId, ApprovalStatus.Planning));
        return EnvironmentCommandResult.AwaitingApproval(request.Id, planJobId, submission.EnvironmentName);
    }

    public async Task<PagedResult<ApprovalSummary>> ListAsync(ApprovalFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);

        // A read never writes: a request waiting past its expiry reads as Expired; the sweep records it.
        var now = clock.GetUtcNow();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = context.ApprovalRequests.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.WhereEffectiveStatus(status, now);
        }

        if (!string.IsNullOrWhiteSpace(filter.Environment))
        {
            query = query.Where(r => r.Environment!.Name == filter.Environment);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await Project(query.OrderByDescending(r => r.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500)))
            .ToListAsync(cancellationToken);
        return new PagedResult<ApprovalSummary>([.. items.Select(item => ApprovalExpiry.Effective(item, now))], total);
    }

    public async Task<ApprovalDetail?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await Project(context.ApprovalRequests.AsNoTracking().Where(r => r.Id == id)).FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return null;
        }

        // A read never writes: waiting past its expiry, it reads as Expired since its expiry; the sweep records it.
        var summary = ApprovalExpiry.Effective(stored, now);

        var row = await context.ApprovalRequests.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.PlanJson, r.PlanHash, r.Error, r.DecidedAt }).FirstAsync(cancellationToken);
        var decisions = await context.ApprovalDecisions.AsNoTracking().Where(d => d.ApprovalRequestId == id).OrderBy(d => d.Id)
            .Select(d => new ApprovalDecisionInfo(d.User, d.Approved, d.Comment, d.Time, d.RemoteAddress, d.Voided, d.BreakGlass, d.ByRequester)).ToListAsync(cancellationToken);
        var eligible = policies.Find(summary.EnvironmentClass)?.EligibleRoleFlags ?? PortalRoles.Approver;
        var decidedAt = summary.Status != stored.Status ? summary.ExpiresAt : row.DecidedAt;
        return new ApprovalDetail(summary, ApprovalPlanHasher.Deserialize(row.PlanJson), row.PlanHash, row.Error, decisions, eligible, decidedAt);
    }

    public string? WhyCannotDecide(ApprovalDetail request, ActorContext actor)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        return Forbidden(request.Summary.RequestedBy, request.EligibleRoles, request.Summary.EnvironmentClass, request.Decisions.Select(d => d.User), actor)
            ?? NotDecidable(request.Summary.Status);
    }

    public Task<ApprovalDecisionResult> ApproveAsync(long id, string? comment, ActorContext actor, CancellationToken cancellationToken = default) =>
        DecideAsync(id, approve: true, comment, actor, cancellationToken);

    public Task<ApprovalDecisionResult> RejectAsync(long id, string? comment, ActorContext actor, CancellationToken cancellationToken = default) =>
        DecideAsync(id, approve: false, comment, actor, cancellationToken);

    public async Task<ApprovalDecisionResult> CancelAsync(long id, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);

        // A write path: past its expiry, the request is expired here first and cannot be withdrawn any more.
        await store.ExpireAsync(id, cancellationToken);
        long? planJobId;
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var request = await context.ApprovalRequests.Include(r => r.Environment).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (request is null)
            {
                return ApprovalDecisionResult.NotFound(id);
            }

            if (!string.Equals(request.RequestedBy, actor.Name, StringComparison.OrdinalIgnoreCase))
            {
                return ApprovalDecisionResult.Forbidden("Only the requester can withdraw a request; others approve or reject it.");
            }

            var now = clock.GetUtcNow();
            var status = ApprovalExpiry.Effective(request.Status, request.ExpiresAt, now);
            if (status is not (ApprovalStatus.Planning or ApprovalStatus.AwaitingApproval))
            {
                return ApprovalDecisionResult.Conflict($"Request #{id} is {Describe(status)}; it can no longer be withdrawn.");
            }

            request.Status = ApprovalStatus.Cancelled;
            request.DecidedAt = now;
            context.AuditEntries.Add(ApprovalStore.Audit(request, "approval.cancel", actor.Name, actor.RemoteAddress, "cancelled", new { }, now));
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            planJobId = request.PlanJobId;
            notifier.Publish(new ApprovalUpdate(id, request.EnvironmentId, ApprovalStatus.Cancelled));
        }

        if (planJobId is { } job)
        {
            await queue.CancelAsync(job, actor.Name, actor.RemoteAddress, CancellationToken.None);
        }

        return ApprovalDecisionResult.Recorded((await GetAsync(id, cancellationToken))!.Summary, $"Request #{id} withdrawn.");
    }

    public async Task QueueExecutionAsync(long id, CancellationToken cancellationToken = default)
    {
        var request = await store.GetAsync(id, cancellationToken);
        if (request is not { Status: ApprovalStatus.Approved, ExecutionQueuedAt: null, PlanHash: { } hash, Environment: { } environment })
        {
            return;
        }

        var approvers = request.Decisions.Where(d => d.Approved && !d.Voided).Select(d => d.User).ToArray();
        var breakGlassBy = request.Decisions.FirstOrDefault(d => d.BreakGlass && !d.Voided)?.User;
        var companion = companions.FirstOrDefault(c => c.Handles(request.JobKind));
        long jobId;
        try
        {
            jobId = await queue.EnqueueAsync(new JobRequest
            {
                Kind = request.JobKind,
                Title = request.JobTitle,
                EnvironmentId = request.EnvironmentId,
                EnvironmentName = environment.Name,
                Payload = ApprovalBinding.Attach(request.JobPayloadJson, new ApprovalBinding(id, hash)),
                RequestedBy = request.RequestedBy,
                Audit = new JobAudit("approval.execute", $"approval/{id}", new { operation = request.Operation, approvedBy = approvers, breakGlassBy, planHash = hash }),
                WithJob = companion is null ? null : (context, newJobId, ct) => companion.AddAsync(context, request, newJobId, ct),
            }, async (context, ct) =>
            {
                // Exactly one execution job per approval, whoever gets here first (a decision, or the sweep after a crash).
                var now = clock.GetUtcNow();
                if (await context.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE ApprovalRequests SET ExecutionQueuedAt = {now.UtcTicks} WHERE Id = {id} AND Status = 'Approved' AND ExecutionQueuedAt IS NULL", ct) == 0)
                {
                    throw new ExecutionAlreadyQueuedException();
                }

                return null;
            }, cancellationToken);
        }
        catch (ExecutionAlreadyQueuedException)
        {
            return;
        }

        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            await context.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE ApprovalRequests SET ExecutionJobId = {jobId} WHERE Id = {id} AND ExecutionJobId IS NULL", cancellationToken);
        }

        notifier.Publish(new ApprovalUpdate(id, request.EnvironmentId, ApprovalStatus.Approved));
    }

    private async Task<ApprovalDecisionResult> DecideAsync(long id, bool approve, string? comment, ActorContext actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();

        // A write path: a request waiting past its expiry that the sweep has not recorded yet is expired here (audited
        // as the system's act) and then refused below like any expired one.
        await store.ExpireAsync(id, cancellationToken);
        ApprovalStatus status;
        int approvals;
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var request = await context.ApprovalRequests.Include(r => r.Environment).Include(r => r.Decisions)
                .FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (request?.Environment is not { } environment)
            {
                return ApprovalDecisionResult.NotFound(id);
            }

            var eligible = policies.Find(environment.Class)?.EligibleRoleFlags ?? PortalRoles.Approver;
            if (Forbidden(request.RequestedBy, eligible, environment.Class, request.Decisions.Select(d => d.User), actor) is { } forbidden)
            {
                return request.Decisions.Any(d => string.Equals(d.User, actor.Name, StringComparison.OrdinalIgnoreCase))
                    ? ApprovalDecisionResult.Conflict(forbidden)
                    : ApprovalDecisionResult.Forbidden(forbidden);
            }

            // Who may decide is answered first: someone who may not gets 403 whatever the body says.
            if (!approve && comment is null)
            {
                return ApprovalDecisionResult.Invalid("comment", "Say why you reject the change: the requester reads it.");
            }

            if (comment?.Length > MaxCommentLength)
            {
                return ApprovalDecisionResult.Invalid("comment", $"The comment is {comment.Length} characters long; the limit is {MaxCommentLength}.");
            }

            // Expired meanwhile (after the expiry above): refused the same; the sweep records it.
            var now = clock.GetUtcNow();
            if (NotDecidable(ApprovalExpiry.Effective(request.Status, request.ExpiresAt, now)) is { } notDecidable)
            {
                return ApprovalDecisionResult.Conflict(notDecidable);
            }

            request.Decisions.Add(new ApprovalDecision { User = actor.Name, Approved = approve, Comment = comment, Time = now, RemoteAddress = actor.RemoteAddress });
            approvals = request.Decisions.Count(d => d.Approved && !d.Voided);
            if (!approve)
            {
                request.Status = ApprovalStatus.Rejected;
                request.DecidedAt = now;
            }
            else if (approvals >= request.RequiredApprovals)
            {
                request.Status = ApprovalStatus.Approved;
                request.DecidedAt = now;
            }

            status = request.Status;
            context.AuditEntries.Add(ApprovalStore.Audit(request, approve ? "approval.approve" : "approval.reject", actor.Name, actor.RemoteAddress,
                approve ? "approved" : "rejected", new { comment, approvals, required = request.RequiredApprovals, status, planHash = request.PlanHash }, now));
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The unique index: the same user decided in another request at the same moment.
                return ApprovalDecisionResult.Conflict("You have already decided on this request.");
            }

            await transaction.CommitAsync(cancellationToken);
            notifier.Publish(new ApprovalUpdate(id, request.EnvironmentId, status));
        }

        if (status == ApprovalStatus.Approved)
        {
            await QueueExecutionAsync(id, cancellationToken);
        }

        var message = status switch
        {
            ApprovalStatus.Approved => "Approved: the change is queued and runs if its plan is still the one approved.",
            ApprovalStatus.Rejected => "Rejected: the change will not run.",
            _ => "Approval recorded.",
        };
        return ApprovalDecisionResult.Recorded((await GetAsync(id, cancellationToken))!.Summary, message);
    }

    private static string? Forbidden(string requestedBy, PortalRoles eligible, EnvironmentClass environmentClass, IEnumerable<string> deciders, ActorContext actor)
    {
        if (string.Equals(requestedBy, actor.Name, StringComparison.OrdinalIgnoreCase))
        {
            return "You requested this change; someone else must approve it.";
        }

        if ((actor.Roles & eligible) == PortalRoles.None)
        {
            return $"Deciding on changes to {environmentClass.ToString().ToLowerInvariant()} environments needs the {eligible.ToString().Replace(", ", " or ", StringComparison.Ordinal)} role.";
        }

        return deciders.Any(d => string.Equals(d, actor.Name, StringComparison.OrdinalIgnoreCase)) ? "You have already decided on this request." : null;
    }

    private static string? NotDecidable(ApprovalStatus status) =>
        status == ApprovalStatus.AwaitingApproval ? null : $"This request is {Describe(status)}; it takes no more decisions.";

    private static string Describe(ApprovalStatus status) => status switch
    {
        ApprovalStatus.Planning => "still being planned",
        ApprovalStatus.PlanFailed => "closed (its plan failed)",
        ApprovalStatus.AwaitingApproval => "awaiting approval",
        ApprovalStatus.Consumed => "used (its job ran)",
        ApprovalStatus.Stale => "stale (the plan changed after approval)",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static IQueryable<ApprovalSummary> Project(IQueryable<ApprovalRequest> query) =>
        query.Select(r => new ApprovalSummary(
            r.Id, r.EnvironmentId, r.Environment!.Name, r.Environment.Class, r.Operation, r.JobKind, r.JobTitle, r.RequestedBy, r.RequestedAt,
            r.RequestedFrom, r.Status, r.Decisions.Count(d => d.Approved && !d.Voided && !d.BreakGlass), r.RequiredApprovals, r.ExpiresAt, r.PlanJobId, r.ExecutionJobId,
            r.Decisions.Any(d => d.BreakGlass)));

    private sealed class ExecutionAlreadyQueuedException : Exception;
}
