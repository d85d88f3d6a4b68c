using Portal.Data.Entities;

namespace Portal.Data.Queries;

/// <summary>A row of the jobs list.</summary>
public sealed record JobSummary(
    long Id,
    string Kind,
    string Title,
    string? EnvironmentName,
    JobState State,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Attempt,
    string? Error)
{
    public TimeSpan? Duration => StartedAt is { } started ? (FinishedAt ?? DateTimeOffset.UtcNow) - started : null;
}
