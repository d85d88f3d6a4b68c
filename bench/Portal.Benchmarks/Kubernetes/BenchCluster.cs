using Microsoft.Extensions.Logging.Abstractions;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Sandbox.Kubernetes;

namespace Portal.Benchmarks.Kubernetes;

/// <summary>A sandbox server on ephemeral ports and a portal client for it, as the benchmarks need them.</summary>
internal static class BenchCluster
{
    public static ClusterClient CreateClient(SandboxKubernetesServer server, KubernetesOptions? options = null)
    {
        options ??= new KubernetesOptions();
        var resolver = new ClusterConnectionResolver(options, new AwsSdkCredentialSource(), TimeProvider.System, NullLoggerFactory.Instance);
        return new ClusterClient(resolver.FromKubeconfig(server.Kubeconfig), options, NullLogger<ClusterClient>.Instance);
    }

    public static Service Service(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = new() { ["app"] = "bench" } },
        Spec = new ServiceSpec { Ports = [new ServicePort { Port = 80 }] },
    };

    public static string Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)].ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
