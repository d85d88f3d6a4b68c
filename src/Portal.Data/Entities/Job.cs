namespace Portal.Data.Entities;

/// <summary>A durable unit of work. Rows are claimed by workers with a lease; see Portal.Provisioning/Jobs.</summary>
public sealed class Job
{
    public long Id { get; set; }

    /// <summary>The handler that runs it, e.g. <c>environment.provision</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>A short human title for lists ("Provision dev-1").</summary>
    public required string Title { get; set; }

    /// <summary>Jobs of one environment run one at a time, in the order they were queued.</summary>
    public long? EnvironmentId { get; set; }

    public EnvironmentRecord? Environment { get; set; }

    public JobState State { get; set; }

    /// <summary>Handler input as JSON. Never holds secret values: those are referenced, not copied.</summary>
    public string PayloadJson { get; set; } = "{}";

    public string? ResultJson { get; set; }

    public string? Error { get; set; }

    public required string RequestedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Not claimable before this time (retry backoff).</summary>
    public DateTimeOffset? NotBefore { get; set; }

    public int Attempt { get; set; }

    public int MaxAttempts { get; set; } = 1;

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public DateTimeOffset? CancelRequestedAt { get; set; }

    public string? CancelRequestedBy { get; set; }

    /// <summary>A second cancel forces the running step to be abandoned (and its process killed).</summary>
    public bool CancelForced { get; set; }

    public ICollection<JobEvent> Events { get; } = new List<JobEvent>();
}
