namespace Portal.Provisioning.Approvals;

/// <summary>The input of an <c>approval.plan</c> job.</summary>
/// <param name="RequestId">The request to plan.</param>
public sealed record ApprovalPlanPayload(long RequestId);
