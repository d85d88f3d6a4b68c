using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Data.Entities;
using Portal.Provisioning.Access;
using Portal.Provisioning.Environments;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// Break-glass: when the approvers cannot be reached in an emergency, an Admin approves a waiting request alone, with
/// a written reason. It skips people, never the plan binding: the job is queued exactly as by the last approval and
/// the gate still re-plans and refuses a changed plan. Audited as <see cref="BreakGlassAction"/>.
/// </summary>
public sealed partial class ApprovalService
{
    public const string BreakGlassAction = "approval.break-glass";

    public const int MinBreakGlassReasonLength = 20;

    public async Task<ApprovalDecisionResult> BreakGlassAsync(long id, string? reason, ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);

        // A write path: a request past its expiry that the sweep has not recorded yet is expired here, then refused.
        await store.ExpireAsync(id, cancellationToken);
        var found = await store.GetAsync(id, cancellationToken);

        // Who first: a non-Admin gets 403 (and a denied audit entry) whatever the request or the body.
        var access = await guard.CheckAsync(actor, PortalAction.BreakGlass, found?.Environment?.Class, BreakGlassAction, $"approval/{id}",
            found?.Environment?.Name, cancellationToken);
        if (!access.Allowed)
        {
            return ApprovalDecisionResult.Forbidden(access.Reason!);
        }

        if (found?.Environment is not { } environment)
        {
            return ApprovalDecisionResult.NotFound(id);
        }

        reason = reason?.Trim();
        if (ReasonError(reason) is { } reasonError)
        {
            return ApprovalDecisionResult.Invalid("reason", reasonError);
        }

        if (!policies.AllowsBreakGlass(environment.Class))
        {
            return ApprovalDecisionResult.Conflict(BreakGlassOff(environment.Class));
        }

        long environmentId;
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var request = await context.ApprovalRequests.Include(r => r.Environment).Include(r => r.Decisions)
                .FirstAsync(r => r.Id == id, cancellationToken);
            var now = clock.GetUtcNow();
            if (NotBreakable(ApprovalExpiry.Effective(request.Status, request.ExpiresAt, now), request.PlanHash) is { } notBreakable)
            {
                return ApprovalDecisionResult.Conflict(notBreakable);
            }

            var byRequester = string.Equals(request.RequestedBy, actor.Name, StringComparison.OrdinalIgnoreCase);
            var approvals = request.Decisions.Count(d => d.Approved && !d.Voided);
            var recorded = redactor.Redact(reason!);

            // One decision row per user: an Admin who approved earlier (an eligible role on a class needing several
            // approvals) has that row turned into the break-glass; the earlier approval stays in the audit log.
            var decision = request.Decisions.FirstOrDefault(d => string.Equals(d.User, actor.Name, StringComparison.OrdinalIgnoreCase));
            if (decision is null)
            {
                decision = new ApprovalDecision { User = actor.Name };
                request.Decisions.Add(decision);
            }

            decision.Approved = true;
            decision.BreakGlass = true;
            decision.ByRequester = byRequester;
            decision.Comment = recorded;
            decision.Time = now;
            decision.RemoteAddress = actor.RemoteAddress;
            request.Status = ApprovalStatus.Approved;
            request.DecidedAt = now;
            context.AuditEntries.Add(ApprovalStore.Audit(request, BreakGlassAction, actor.Name, actor.RemoteAddress, "approved", new
            {
                reason = recorded,
                planHash = request.PlanHash,
                byRequester,
                requestedBy = request.RequestedBy,
                approvals,
                required = request.RequiredApprovals,
            }, now));
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            environmentId = request.EnvironmentId;
            LogBreakGlass(logger, id, environment.Name, actor.Name, byRequester);
        }

        notifier.Publish(new ApprovalUpdate(id, environmentId, ApprovalStatus.Approved));
        await QueueExecutionAsync(id, cancellationToken);
        return ApprovalDecisionResult.Recorded((await GetAsync(id, cancellationToken))!.Summary,
            "Approved by break-glass: the change is queued and runs only if its plan is still the one planned.");
    }

    public string? WhyCannotBreakGlass(ApprovalDetail request, ActorContext actor)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var access = PortalPermissions.Check(actor.Roles, PortalAction.BreakGlass, request.Summary.EnvironmentClass);
        if (!access.Allowed)
        {
            return access.Reason;
        }

        return policies.AllowsBreakGlass(request.Summary.EnvironmentClass)
            ? NotBreakable(request.Summary.Status, request.PlanHash)
            : BreakGlassOff(request.Summary.EnvironmentClass);
    }

    /// <summary>What is wrong with a break-glass reason (already trimmed), or null.</summary>
    public static string? ReasonError(string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            return $"Say why you break glass (at least {MinBreakGlassReasonLength} characters): the approvers and the audit log read it.";
        }

        if (reason.Length < MinBreakGlassReasonLength)
        {
            return $"The reason is {reason.Length} characters long; write at least {MinBreakGlassReasonLength} so others understand the emergency.";
        }

        return reason.Length > MaxCommentLength ? $"The reason is {reason.Length} characters long; the limit is {MaxCommentLength}." : null;
    }

    private static string? NotBreakable(ApprovalStatus status, string? planHash) => status switch
    {
        ApprovalStatus.AwaitingApproval when planHash is not null => null,
        ApprovalStatus.Planning => "This request is still being planned; break-glass approves a known plan, so wait for its plan.",
        _ => $"This request is {Describe(status)}; only a request awaiting approval can be approved by break-glass.",
    };

    private static string BreakGlassOff(EnvironmentClass environmentClass)
    {
        var name = environmentClass.ToString().ToLowerInvariant();
        return $"Break-glass is turned off for {name} environments (Approvals:Classes:{name}:AllowBreakGlass); this request needs its approvals.";
    }

    [LoggerMessage(EventId = 2610, Level = LogLevel.Warning, Message = "Break-glass on approval request {RequestId} ({Environment}) by {Actor} (the requester: {ByRequester})")]
    private static partial void LogBreakGlass(ILogger logger, long requestId, string environment, string actor, bool byRequester);
}
