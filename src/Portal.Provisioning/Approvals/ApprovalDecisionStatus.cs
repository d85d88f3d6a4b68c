namespace Portal.Provisioning.Approvals;

public enum ApprovalDecisionStatus
{
    /// <summary>The decision (or cancel) was recorded.</summary>
    Recorded,

    /// <summary>Bad input (a reject without a comment); <see cref="ApprovalDecisionResult.Errors"/> names the field.</summary>
    Invalid,

    /// <summary>This user may not decide: the requester, or without an eligible role.</summary>
    Forbidden,

    /// <summary>No such request.</summary>
    NotFound,

    /// <summary>The request takes no decision now: not awaiting approval (planning, decided, expired, stale…).</summary>
    Conflict,
}
