using Portal.Data.Entities;
using Portal.Provisioning.Jobs;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// Wraps the handler of a gated job kind (<see cref="ApprovalJobKinds.Gated"/>). On a protected environment the job
/// runs only with an approval binding: just before running, it plans again and compares the hash with the approved
/// one. A different plan makes the request Stale (its approvals voided) and fails the job; the same plan consumes the
/// request in one conditional update (an approval runs one job) and then the wrapped handler runs.
/// </summary>
/// <typeparam name="THandler">The handler the job kind had.</typeparam>
public sealed class ApprovalGate<THandler>(
    THandler inner, ApprovalStore store, IEnumerable<IApprovalPlanner> planners, IEnumerable<IApprovalExecutionCompanion> companions) : IJobHandler
    where THandler : class, IJobHandler
{
    public async Task ExecuteAsync(JobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (binding, payloadJson) = ApprovalBinding.Detach(context.PayloadJson);
        if (binding is null)
        {
            if (context.EnvironmentId is { } environmentId && await store.IsProtectedAsync(environmentId, context.CancellationToken))
            {
                throw new InvalidOperationException("This environment is protected: the change runs only through an approved request; ask for approval on the Approvals page.");
            }

            await inner.ExecuteAsync(context);
            return;
        }

        try
        {
            await CheckAsync(context, binding, payloadJson);
        }
        catch (InvalidOperationException ex)
        {
            foreach (var companion in companions.Where(c => c.Handles(context.Kind)))
            {
                await companion.RefusedAsync(context.JobId, ex.Message, CancellationToken.None);
            }

            throw;
        }

        await inner.ExecuteAsync(context);
    }

    /// <summary>Returns when the approval holds and is now used; throws with the reason otherwise.</summary>
    private async Task CheckAsync(JobExecutionContext context, ApprovalBinding binding, string payloadJson)
    {
        var request = await store.GetAsync(binding.RequestId, context.CancellationToken)
            ?? throw new InvalidOperationException($"Approval request {binding.RequestId} does not exist.");
        if (request.Status != ApprovalStatus.Approved || request.JobKind != context.Kind || request.EnvironmentId != context.EnvironmentId
            || (request.ExecutionJobId is { } owner && owner != context.JobId))
        {
            throw new InvalidOperationException(request.Status == ApprovalStatus.Consumed
                ? $"Approval request #{request.Id} was already used by job {request.ExecutionJobId}; an approval runs once: ask for approval again."
                : $"Approval request #{request.Id} is {request.Status}, not an approval of this job; ask for approval again.");
        }

        if (!string.Equals(request.PlanHash, binding.PlanHash, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The job's approval binding does not match approval request #{request.Id}; ask for approval again.");
        }

        await context.LogAsync($"Approval request #{request.Id}: planning again to check that the change is still the one approved.");
        var planner = planners.First(p => p.CanPlan(context.Kind));
        string currentHash;
        ApprovalPlan plan;
        try
        {
            plan = await planner.PlanAsync(context, context.Kind, payloadJson);
            currentHash = ApprovalPlanHasher.Hash(context.Kind, payloadJson, plan);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await store.MarkStaleAsync(request.Id, context.JobId, $"the plan could not be computed again ({ex.Message})", "", CancellationToken.None);
            throw new InvalidOperationException($"The planned change could not be checked against the approval: {ex.Message}; ask for approval again.", ex);
        }

        if (!string.Equals(currentHash, request.PlanHash, StringComparison.Ordinal))
        {
            var approved = ApprovalPlanHasher.Deserialize(request.PlanJson) ?? new ApprovalPlan([], [], [], new Dictionary<string, int>());
            var reason = ApprovalPlanComparer.Describe(approved, plan);
            await store.MarkStaleAsync(request.Id, context.JobId, reason, currentHash, CancellationToken.None);
            throw new InvalidOperationException($"The planned change differs from what was approved: {reason}; ask for approval again.");
        }

        if (!await store.TryConsumeAsync(request.Id, context.JobId, CancellationToken.None))
        {
            throw new InvalidOperationException($"Approval request #{request.Id} was used or closed meanwhile; an approval runs once: ask for approval again.");
        }

        await context.LogAsync($"The plan matches approval request #{request.Id} (hash {currentHash[..12]}…); the approval is used now.");
    }
}
