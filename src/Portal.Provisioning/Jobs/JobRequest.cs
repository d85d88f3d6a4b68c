namespace Portal.Provisioning.Jobs;

/// <summary>A job to queue.</summary>
public sealed record JobRequest
{
    public required string Kind { get; init; }

    public required string Title { get; init; }

    /// <summary>Jobs of one environment run one at a time, in order.</summary>
    public long? EnvironmentId { get; init; }

    /// <summary>The environment's name, for the audit entry.</summary>
    public string? EnvironmentName { get; init; }

    /// <summary>Serialized to JSON as the handler's input. Must not hold secret values.</summary>
    public object? Payload { get; init; }

    public required string RequestedBy { get; init; }

    /// <summary>The audit entry written with the job; defaults to <c>job.enqueue</c>.</summary>
    public JobAudit? Audit { get; init; }

    /// <summary>
    /// More changes in the same transaction that need the new job's id (a release record that names its job); they are
    /// saved with the job and its audit entry, or not at all.
    /// </summary>
    public Func<Data.PortalDbContext, long, CancellationToken, Task>? WithJob { get; init; }
}
