using Portal.Data.Entities;
using Portal.Provisioning.Jobs;

namespace Portal.Provisioning.Approvals;

/// <summary>A change to a protected environment that must wait for approval: the exact job that will run once approved.</summary>
/// <param name="EnvironmentId">The environment.</param>
/// <param name="EnvironmentName">Its name.</param>
/// <param name="EnvironmentClass">Its class (which decides the policy).</param>
/// <param name="Operation">In words: update, destroy, retry, release, rollback, restart.</param>
/// <param name="Job">The job to run once approved (its payload must hold no clear secret).</param>
public sealed record ApprovalSubmission(long EnvironmentId, string EnvironmentName, EnvironmentClass EnvironmentClass, string Operation, JobRequest Job);
