namespace Portal.Web.Endpoints.Contracts;

/// <summary>
/// The 202 body of a change to a protected environment: nothing runs yet; an approval request was made and its plan
/// job queued. Follow the request; once approved, its <c>executionJobId</c> is the job that makes the change.
/// </summary>
public sealed record ApprovalAccepted(
    string Status, long ApprovalRequestId, long PlanJobId, string? Environment, string ApprovalRequest, string PlanJob, string Message);
