namespace Portal.Data.Queries;

/// <summary>Which releases to list: one environment's (archived ones included), optionally of one workload.</summary>
public sealed record ReleaseFilter(string EnvironmentName, string? Workload = null);
