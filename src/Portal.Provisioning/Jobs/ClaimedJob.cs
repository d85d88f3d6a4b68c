namespace Portal.Provisioning.Jobs;

/// <summary>A job a worker has just claimed.</summary>
internal sealed record ClaimedJob(long Id, string Kind, string Title, long? EnvironmentId, string PayloadJson, int Attempt, int MaxAttempts, string RequestedBy);
