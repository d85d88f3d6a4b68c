using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Environments;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// Approval requests for changes to protected environments, as the environment and release services, the UI and the
/// REST API use them. Every request and decision is audited with its actor and address.
/// </summary>
public interface IApprovalService
{
    /// <summary>True when changes to environments of this class wait for approval.</summary>
    bool RequiresApproval(EnvironmentClass environmentClass);

    /// <summary>
    /// Records the request (Planning) and queues its plan job; returns <see cref="EnvironmentCommandStatus.AwaitingApproval"/>
    /// with the request and the plan job.
    /// </summary>
    Task<EnvironmentCommandResult> RequestAsync(ApprovalSubmission submission, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Requests matching the filter, newest first. Reads never write: a request waiting past its expiry reads (and
    /// filters) as Expired before the sweep records it.
    /// </summary>
    Task<PagedResult<ApprovalSummary>> ListAsync(ApprovalFilter filter, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>One request with its plan and decisions; waiting past its expiry, it reads as Expired (closed at its expiry), without writing.</summary>
    Task<ApprovalDetail?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Why <paramref name="actor"/> may not decide <paramref name="request"/> now, or null when they may.</summary>
    string? WhyCannotDecide(ApprovalDetail request, ActorContext actor);

    /// <summary>Approves; the last approval needed queues the job, bound to the approved plan.</summary>
    Task<ApprovalDecisionResult> ApproveAsync(long id, string? comment, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>Rejects (a comment is required); one rejection closes the request.</summary>
    Task<ApprovalDecisionResult> RejectAsync(long id, string? comment, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>The requester withdraws a request that is still planning or waiting.</summary>
    Task<ApprovalDecisionResult> CancelAsync(long id, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Break-glass: an Admin approves a request awaiting approval alone, with a written reason (at least
    /// <see cref="ApprovalService.MinBreakGlassReasonLength"/> characters), even as its requester. The job is queued
    /// exactly as by the last normal approval, still bound to the plan hash (the gate re-plans and refuses a changed
    /// plan). Forbidden for non-Admins (audited), Conflict when the request is not awaiting approval or the class's
    /// policy turns break-glass off.
    /// </summary>
    Task<ApprovalDecisionResult> BreakGlassAsync(long id, string? reason, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>Why <paramref name="actor"/> may not break glass on <paramref name="request"/> now, or null when they may.</summary>
    string? WhyCannotBreakGlass(ApprovalDetail request, ActorContext actor);

    /// <summary>Queues the execution job of an approved request whose job was never queued (idempotent).</summary>
    Task QueueExecutionAsync(long id, CancellationToken cancellationToken = default);
}
