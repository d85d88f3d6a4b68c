namespace Portal.Provisioning.Environments;

/// <summary>The outcome of asking for an environment operation: a queued job, or why not.</summary>
public sealed record EnvironmentCommandResult(
    EnvironmentCommandStatus Status,
    long? JobId,
    string? EnvironmentName,
    IReadOnlyDictionary<string, string[]> Errors,
    string? Message)
{
    private static readonly IReadOnlyDictionary<string, string[]> s_noErrors = new Dictionary<string, string[]>();

    /// <summary>For a release, rollback or restart: the release record the job finishes.</summary>
    public long? ReleaseId { get; init; }

    /// <summary>For <see cref="EnvironmentCommandStatus.AwaitingApproval"/>: the approval request (JobId is its plan job).</summary>
    public long? ApprovalRequestId { get; init; }

    public static EnvironmentCommandResult Accepted(long jobId, string environmentName) =>
        new(EnvironmentCommandStatus.Accepted, jobId, environmentName, s_noErrors, null);

    public static EnvironmentCommandResult AwaitingApproval(long approvalRequestId, long planJobId, string environmentName) =>
        new(EnvironmentCommandStatus.AwaitingApproval, planJobId, environmentName, s_noErrors,
            $"{environmentName} is protected: the change waits for approval (request #{approvalRequestId}).")
        {
            ApprovalRequestId = approvalRequestId,
        };

    public static EnvironmentCommandResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(EnvironmentCommandStatus.Invalid, null, null, errors, "The request has invalid fields.");

    public static EnvironmentCommandResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static EnvironmentCommandResult NotFound(string message) => new(EnvironmentCommandStatus.NotFound, null, null, s_noErrors, message);

    public static EnvironmentCommandResult Conflict(string message) => new(EnvironmentCommandStatus.Conflict, null, null, s_noErrors, message);

    public static EnvironmentCommandResult Forbidden(string message) => new(EnvironmentCommandStatus.Forbidden, null, null, s_noErrors, message);
}
