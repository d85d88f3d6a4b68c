using Portal.Provisioning.Jobs;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// Computes the plan of a gated job the way the job itself will see it: a <c>pulumi preview</c> with the proposed
/// configuration for an update, <c>destroy --preview-only</c> for a destroy, the live image before and after for a
/// release. Runs inside a job of the environment (the plan job, or the execution job just before it acts).
/// </summary>
public interface IApprovalPlanner
{
    bool CanPlan(string jobKind);

    Task<ApprovalPlan> PlanAsync(JobExecutionContext context, string jobKind, string payloadJson);
}
