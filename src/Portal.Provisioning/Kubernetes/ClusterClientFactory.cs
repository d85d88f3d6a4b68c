using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Provisioning.Kubernetes.Configuration;

namespace Portal.Provisioning.Kubernetes;

/// <summary>Singleton cache of cluster clients keyed by cluster name; its lock makes concurrent first calls build one client.</summary>
public sealed class ClusterClientFactory(
    IOptions<KubernetesOptions> options, IAwsCredentialSource awsCredentials, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    : IClusterClientFactory, IDisposable
{
    private const string DefaultClusterName = "__default";
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Fingerprint, ClusterClient Client)> _clients = new(StringComparer.Ordinal);
    private readonly List<ClusterClient> _retired = [];

    public IClusterClient GetOrCreate(string clusterName, string kubeconfig, string? context = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterName);
        ArgumentNullException.ThrowIfNull(kubeconfig);
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(context + "\n" + kubeconfig)));
        return GetOrAdd(clusterName, fingerprint, () => Resolver().FromKubeconfig(kubeconfig, context));
    }

    public IClusterClient GetDefault()
    {
        var opts = options.Value;
        if (opts.InCluster)
        {
            return GetOrAdd(DefaultClusterName, "in-cluster", () => Resolver().InCluster());
        }

        if (string.IsNullOrEmpty(opts.KubeconfigPath))
        {
            throw new KubeconfigException("No default cluster: set Kubernetes:KubeconfigPath or Kubernetes:InCluster.");
        }

        var path = opts.KubeconfigPath;
        return GetOrAdd(DefaultClusterName, "file:" + path + "|" + opts.Context,
            () => Resolver().FromKubeconfig(File.ReadAllText(path), opts.Context, Path.GetDirectoryName(Path.GetFullPath(path))));
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var (_, client) in _clients.Values)
            {
                client.Dispose();
            }

            foreach (var client in _retired)
            {
                client.Dispose();
            }

            _clients.Clear();
            _retired.Clear();
        }
    }

    private ClusterConnectionResolver Resolver() => new(options.Value, awsCredentials, timeProvider, loggerFactory);

    private ClusterClient GetOrAdd(string clusterName, string fingerprint, Func<ClusterConnection> resolve)
    {
        lock (_lock)
        {
            if (_clients.TryGetValue(clusterName, out var entry))
            {
                if (entry.Fingerprint == fingerprint)
                {
                    return entry.Client;
                }

                // Callers may still be streaming from the old client: retire it, dispose it with the factory.
                _retired.Add(entry.Client);
            }

            var client = new ClusterClient(resolve(), options.Value, loggerFactory.CreateLogger<ClusterClient>());
            _clients[clusterName] = (fingerprint, client);
            return client;
        }
    }
}
