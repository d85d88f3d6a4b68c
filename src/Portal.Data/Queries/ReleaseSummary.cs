using Portal.Data.Entities;

namespace Portal.Data.Queries;

/// <summary>A release record as lists, the environment page and the API show it.</summary>
public sealed record ReleaseSummary(
    long Id,
    string EnvironmentName,
    string Workload,
    ReleaseKind Kind,
    string Strategy,
    string? ImageBefore,
    string? ImageAfter,
    long? RollbackOfReleaseId,
    ReleaseStatus Status,
    string? VerdictMessage,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long JobId,
    string ConfigJson)
{
    /// <summary>From the job's start to the verdict (or until now while it rolls out).</summary>
    public TimeSpan? Duration => StartedAt is { } started && FinishedAt is { } finished ? finished - started : null;
}
