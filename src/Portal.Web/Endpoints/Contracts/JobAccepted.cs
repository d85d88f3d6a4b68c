namespace Portal.Web.Endpoints.Contracts;

/// <summary>The 202 body of every operation: the queued job and where to follow it.</summary>
/// <param name="JobId">The queued job.</param>
/// <param name="Environment">The environment it changes.</param>
/// <param name="Job">Where to follow the job.</param>
/// <param name="EnvironmentUrl">Where the environment is.</param>
/// <param name="ReleaseId">For a release, rollback or restart: its release record.</param>
public sealed record JobAccepted(long JobId, string? Environment, string Job, string? EnvironmentUrl, long? ReleaseId = null);
