namespace Portal.Web.Endpoints.Contracts;

/// <summary>A Deployment: desired, ready, updated and available replicas, and its container images.</summary>
public sealed record WorkloadSnapshot(string Namespace, string Name, int Replicas, int ReadyReplicas, int UpdatedReplicas, int AvailableReplicas, IReadOnlyList<string> Images);
