using Portal.Data.Entities;
using Portal.Provisioning.Jobs;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// <c>approval.plan</c>: computes the plan of a request's job exactly as that job will see it, stores it with its hash,
/// and puts the request in AwaitingApproval; a failure leaves it PlanFailed with the error. Runs in the environment's
/// queue, so it sees the stack as the jobs before it left it.
/// </summary>
public sealed class ApprovalPlanJobHandler(ApprovalStore store, IEnumerable<IApprovalPlanner> planners) : IJobHandler
{
    public async Task ExecuteAsync(JobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requestId = context.GetPayload<ApprovalPlanPayload>().RequestId;
        var request = await store.GetAsync(requestId, context.CancellationToken)
            ?? throw new InvalidOperationException($"Approval request {requestId} does not exist.");
        if (request.Status != ApprovalStatus.Planning)
        {
            await context.LogAsync($"Approval request #{requestId} is {request.Status}; there is nothing to plan.", JobEventLevel.Warning);
            return;
        }

        ApprovalPlan plan;
        try
        {
            var planner = planners.FirstOrDefault(p => p.CanPlan(request.JobKind))
                ?? throw new InvalidOperationException($"No planner knows job kind '{request.JobKind}'.");
            plan = await planner.PlanAsync(context, request.JobKind, request.JobPayloadJson);
        }
        catch (Exception ex)
        {
            var error = ex is OperationCanceledException ? "The plan was cancelled before it finished." : ex.Message;
            await store.MarkPlanFailedAsync(requestId, context.JobId, error, CancellationToken.None);
            throw;
        }

        var hash = ApprovalPlanHasher.Hash(request.JobKind, request.JobPayloadJson, plan);
        if (!await store.MarkPlannedAsync(requestId, context.JobId, plan, hash, CancellationToken.None))
        {
            await context.LogAsync($"Approval request #{requestId} was closed while it was being planned; the plan is not kept.", JobEventLevel.Warning);
            return;
        }

        await context.LogAsync($"Plan ready: {plan.Operations.Count} resource operation(s), {plan.Operations.Count(o => o.Destructive)} destructive; hash {hash[..12]}…. Waiting for approval.");
        context.Result = new { approvalRequestId = requestId, planHash = hash, plan };
    }
}
