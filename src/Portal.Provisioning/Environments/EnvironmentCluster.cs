using Portal.Provisioning.Kubernetes;

namespace Portal.Provisioning.Environments;

/// <summary>The cluster an environment's workloads run on: a shared client and the key its shared watches use.</summary>
public sealed record EnvironmentCluster(string Name, IClusterClient Client);
