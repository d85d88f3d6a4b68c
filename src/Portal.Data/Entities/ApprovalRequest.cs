namespace Portal.Data.Entities;

/// <summary>
/// The gate in front of a job on a protected environment: the exact job that will run, the plan it was approved for
/// (and that plan's hash), and the decisions. See Portal.Provisioning/Approvals.
/// </summary>
public sealed class ApprovalRequest
{
    public long Id { get; set; }

    public long EnvironmentId { get; set; }

    public EnvironmentRecord? Environment { get; set; }

    /// <summary>What the requester asked for, in words: <c>update</c>, <c>destroy</c>, <c>retry</c>, <c>release</c>…</summary>
    public required string Operation { get; set; }

    /// <summary>The job kind that runs once approved.</summary>
    public required string JobKind { get; set; }

    public required string JobTitle { get; set; }

    /// <summary>The job's payload as JSON; secrets only in protected form, as in every job payload.</summary>
    public string JobPayloadJson { get; set; } = "{}";

    public required string RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>The requester's address, when known.</summary>
    public string? RequestedFrom { get; set; }

    public ApprovalStatus Status { get; set; }

    /// <summary>The planned change as JSON (operations, parameter changes, images), null until planned.</summary>
    public string? PlanJson { get; set; }

    /// <summary>SHA-256 (hex) of the canonical plan: what an approval binds.</summary>
    public string? PlanHash { get; set; }

    /// <summary>Why planning failed, or how the plan changed when the request went stale.</summary>
    public string? Error { get; set; }

    public long? PlanJobId { get; set; }

    /// <summary>Set when the execution job was queued (guards against queuing it twice).</summary>
    public DateTimeOffset? ExecutionQueuedAt { get; set; }

    public long? ExecutionJobId { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int RequiredApprovals { get; set; }

    /// <summary>When the request reached its final or approved state.</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    public ICollection<ApprovalDecision> Decisions { get; } = new List<ApprovalDecision>();
}
