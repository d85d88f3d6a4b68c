using Portal.Data.Entities;

namespace Portal.Data.Queries;

/// <summary>An environment's most recent job.</summary>
public sealed record LastOperation(long JobId, string Kind, string Title, JobState State, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);
