namespace Portal.Web.Endpoints.Contracts;

/// <summary>The environment's cluster as listed for an API response.</summary>
public sealed record ClusterSnapshot(bool Reachable, string? Error, IReadOnlyList<WorkloadSnapshot> Workloads, IReadOnlyList<ServiceSnapshot> Services);
