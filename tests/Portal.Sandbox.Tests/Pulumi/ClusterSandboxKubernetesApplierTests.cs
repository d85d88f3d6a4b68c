using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Sandbox.Pulumi.Providers;
using Portal.Sandbox.Tests.Kubernetes;

namespace Portal.Sandbox.Tests.Pulumi;

/// <summary>The applier against the sandbox API server: apply semantics, whole-object round trips and the diagnostics.</summary>
public sealed class ClusterSandboxKubernetesApplierTests : IAsyncLifetime
{
    private readonly ClusterClientFactory _clients = new(
        Options.Create(new KubernetesOptions { RequestTimeout = TimeSpan.FromSeconds(10) }), new AwsSdkCredentialSource(), TimeProvider.System, NullLoggerFactory.Instance);
    private SandboxTestCluster _cluster = null!;
    private ClusterSandboxKubernetesApplier _applier = null!;
    private SandboxKubernetesCluster _target = null!;

    public async Task InitializeAsync()
    {
        _cluster = await SandboxTestCluster.StartAsync();
        _applier = new ClusterSandboxKubernetesApplier(_clients);
        _target = new SandboxKubernetesCluster(SandboxKubeconfig.Parse(_cluster.Server.Kubeconfig), Context: null, DefaultNamespace: null);
    }

    public async Task DisposeAsync()
    {
        _clients.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task ApplyAsync_ExistingConfigMap_MergesManifestKeepingUidAndReadsItBack()
    {
        var created = await _applier.ApplyAsync(_target, ConfigMap(new JsonObject { ["a"] = "1", ["b"] = "2" }), CancellationToken.None);

        var updated = await _applier.ApplyAsync(_target, ConfigMap(new JsonObject { ["a"] = "changed" }), CancellationToken.None);
        var read = await _applier.ReadAsync(_target, ConfigMap([]), CancellationToken.None);

        Assert.Equal(created["metadata"]!["uid"]!.GetValue<string>(), updated["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("changed", read!["data"]!["a"]!.GetValue<string>());
        Assert.NotEqual(created["metadata"]!["resourceVersion"]!.GetValue<string>(), read["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReadAsyncAndDeleteAsync_MissingObject_ReadNullAndDeleteIsDone()
    {
        await _applier.DeleteAsync(_target, ConfigMap([]), CancellationToken.None);

        Assert.Null(await _applier.ReadAsync(_target, ConfigMap([]), CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_IntoMissingNamespace_FailsWithTheServersMessage()
    {
        var manifest = ConfigMap([]);
        manifest["metadata"]!["namespace"] = "nowhere";

        var error = await Assert.ThrowsAsync<SandboxProviderException>(() => _applier.ApplyAsync(_target, manifest, CancellationToken.None));

        Assert.Equal($"kubernetes provider: cannot apply ConfigMap 'nowhere/settings' on {_cluster.Client.Server}: namespaces \"nowhere\" not found (NotFound)", error.Message);
    }

    [Fact]
    public async Task ApplyAsync_StatefulSetTheServerDoesNotServe_FailsAsNotServed()
    {
        var manifest = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "StatefulSet",
            ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "default" },
        };

        var error = await Assert.ThrowsAsync<SandboxProviderException>(() => _applier.ApplyAsync(_target, manifest, CancellationToken.None));

        Assert.StartsWith($"kubernetes provider: the API server at {_cluster.Client.Server} does not serve StatefulSet 'default/web'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_KindWithoutRestMapping_FailsAsUnsupported()
    {
        var manifest = new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w" } };

        var error = await Assert.ThrowsAsync<SandboxProviderException>(() => _applier.ApplyAsync(_target, manifest, CancellationToken.None));

        Assert.StartsWith("kubernetes provider: example.com/v1 Widget is not supported by the sandbox", error.Message, StringComparison.Ordinal);
    }

    private static JsonObject ConfigMap(JsonObject data) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = "settings", ["namespace"] = "default" },
        ["data"] = data,
    };
}
