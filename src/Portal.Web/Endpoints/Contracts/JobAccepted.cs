namespace Portal.Web.Endpoints.Contracts;

/// <summary>The 202 body of every operation: the queued job and where to follow it.</summary>
public sealed record JobAccepted(long JobId, string? Environment, string Job, string? EnvironmentUrl);
