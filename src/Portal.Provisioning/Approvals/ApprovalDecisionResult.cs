namespace Portal.Provisioning.Approvals;

/// <summary>The outcome of approve, reject or cancel: the request as it is now, or why not.</summary>
/// <param name="Status">Recorded, or why not.</param>
/// <param name="Message">What happened, for a person.</param>
/// <param name="Errors">Field errors when Invalid.</param>
/// <param name="Request">The request after the decision (when recorded).</param>
public sealed record ApprovalDecisionResult(ApprovalDecisionStatus Status, string? Message, IReadOnlyDictionary<string, string[]> Errors, ApprovalSummary? Request)
{
    private static readonly IReadOnlyDictionary<string, string[]> s_none = new Dictionary<string, string[]>();

    public static ApprovalDecisionResult Recorded(ApprovalSummary request, string message) => new(ApprovalDecisionStatus.Recorded, message, s_none, request);

    public static ApprovalDecisionResult Invalid(string field, string message) =>
        new(ApprovalDecisionStatus.Invalid, "The request has invalid fields.", new Dictionary<string, string[]> { [field] = [message] }, null);

    public static ApprovalDecisionResult Forbidden(string message) => new(ApprovalDecisionStatus.Forbidden, message, s_none, null);

    public static ApprovalDecisionResult NotFound(long id) => new(ApprovalDecisionStatus.NotFound, $"There is no approval request {id}.", s_none, null);

    public static ApprovalDecisionResult Conflict(string message) => new(ApprovalDecisionStatus.Conflict, message, s_none, null);
}
