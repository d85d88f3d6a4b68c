namespace Portal.Data.Entities;

/// <summary>
/// One change of image (or restart) of one workload of an environment, from the request to the rollout verdict.
/// The row is written with its job in one transaction and finished by the job.
/// </summary>
public sealed class ReleaseRecord
{
    public long Id { get; set; }

    public long EnvironmentId { get; set; }

    public EnvironmentRecord? Environment { get; set; }

    /// <summary>The template workload's name (not the Deployment's).</summary>
    public required string Workload { get; set; }

    public ReleaseKind Kind { get; set; }

    /// <summary>The workload's release strategy at the time: <c>pulumi-config</c> or <c>patch</c>.</summary>
    public required string Strategy { get; set; }

    /// <summary>The image that ran before (read from the Deployment when the job starts; null until then).</summary>
    public string? ImageBefore { get; set; }

    /// <summary>The image released (for a restart, the image restarted).</summary>
    public string? ImageAfter { get; set; }

    /// <summary>For a rollback, the release whose image it goes back to.</summary>
    public long? RollbackOfReleaseId { get; set; }

    /// <summary>
    /// The environment's non-secret parameter values after this release, as JSON, and the secret ones by name with the
    /// time each was last set (values are never copied): the basis of a diff between two releases.
    /// </summary>
    public string ConfigJson { get; set; } = "{}";

    public long JobId { get; set; }

    public ReleaseStatus Status { get; set; }

    /// <summary>The last rollout verdict message (kubectl rollout status text), or why the release failed.</summary>
    public string? VerdictMessage { get; set; }

    public required string RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
