namespace Portal.Provisioning.Environments;

public enum EnvironmentCommandStatus
{
    /// <summary>A job was queued.</summary>
    Accepted,

    /// <summary>The input is wrong; <see cref="EnvironmentCommandResult.Errors"/> names the fields. Nothing changed.</summary>
    Invalid,

    /// <summary>No live environment of that name (or no such job).</summary>
    NotFound,

    /// <summary>The environment is not in a state that allows this (e.g. retry with nothing to retry).</summary>
    Conflict,

    /// <summary>The actor's roles do not allow it; <see cref="EnvironmentCommandResult.Message"/> says which role it needs. Audited as denied.</summary>
    Forbidden,

    /// <summary>
    /// The environment is protected: an approval request was made and its plan job queued
    /// (<see cref="EnvironmentCommandResult.ApprovalRequestId"/>, <see cref="EnvironmentCommandResult.JobId"/>); the change
    /// runs once approved.
    /// </summary>
    AwaitingApproval,
}
