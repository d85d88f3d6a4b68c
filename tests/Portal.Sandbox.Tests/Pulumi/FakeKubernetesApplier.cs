using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Portal.Sandbox.Pulumi.Providers;

namespace Portal.Sandbox.Tests.Pulumi;

/// <summary>An in-memory API server stand-in: stores applied objects and, like a controller, makes Deployments ready and
/// gives LoadBalancer Services a hostname after a few reads.</summary>
internal sealed class FakeKubernetesApplier : ISandboxKubernetesApplier
{
    private readonly ConcurrentDictionary<string, JsonObject> _objects = new();
    private readonly ConcurrentDictionary<string, int> _reads = new();

    public ConcurrentBag<string?> Servers { get; } = [];

    public IReadOnlyDictionary<string, JsonObject> Objects => _objects;

    /// <summary>The virtual clusters created and not deleted, with the server each was created on.</summary>
    public ConcurrentDictionary<string, string?> VirtualClusters { get; } = new();

    public Task<JsonObject> ApplyAsync(SandboxKubernetesCluster cluster, JsonObject manifest, CancellationToken cancellationToken)
    {
        Servers.Add(cluster.Server);
        var live = (JsonObject)manifest.DeepClone();
        live["metadata"]!["uid"] = Guid.NewGuid().ToString();
        live["status"] = new JsonObject();
        _objects[Key(manifest)] = live;
        return Task.FromResult((JsonObject)live.DeepClone());
    }

    public Task<JsonObject?> ReadAsync(SandboxKubernetesCluster cluster, JsonObject manifest, CancellationToken cancellationToken)
    {
        if (!_objects.TryGetValue(Key(manifest), out var live))
        {
            return Task.FromResult<JsonObject?>(null);
        }

        if (_reads.AddOrUpdate(Key(manifest), 1, (_, n) => n + 1) >= 2)
        {
            switch (live["kind"]!.GetValue<string>())
            {
                case "Deployment":
                    var replicas = (int)(live["spec"]?["replicas"]?.GetValue<long>() ?? 1);
                    live["status"] = new JsonObject { ["replicas"] = replicas, ["readyReplicas"] = replicas, ["updatedReplicas"] = replicas, ["availableReplicas"] = replicas };
                    break;
                case "Service":
                    live["status"] = new JsonObject
                    {
                        ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["hostname"] = "a1b2c3-123.us-east-1.elb.amazonaws.com" }) },
                    };
                    break;
            }
        }

        return Task.FromResult<JsonObject?>((JsonObject)live.DeepClone());
    }

    public Task DeleteAsync(SandboxKubernetesCluster cluster, JsonObject manifest, CancellationToken cancellationToken)
    {
        _objects.TryRemove(Key(manifest), out _);
        return Task.CompletedTask;
    }

    public Task CreateVirtualClusterAsync(SandboxKubernetesCluster server, string name, CancellationToken cancellationToken)
    {
        VirtualClusters[name] = server.Server;
        return Task.CompletedTask;
    }

    public Task DeleteVirtualClusterAsync(SandboxKubernetesCluster server, string name, CancellationToken cancellationToken)
    {
        VirtualClusters.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    private static string Key(JsonObject manifest) =>
        $"{manifest["kind"]}/{manifest["metadata"]?["namespace"]}/{manifest["metadata"]?["name"]}";
}
