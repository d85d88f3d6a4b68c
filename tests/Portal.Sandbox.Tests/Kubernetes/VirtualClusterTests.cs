using System.Text.Json.Nodes;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Sandbox.Tests.Kubernetes;

/// <summary>
/// Virtual clusters under /clusters/{name}/ of one sandbox server: each its own objects, controllers and watch history,
/// reached with the same CA and token, created and deleted through the admin resource, and kept across restarts.
/// </summary>
public sealed class VirtualClusterTests : IDisposable
{
    private static readonly CancellationToken s_none = CancellationToken.None;
    private static readonly KubernetesResource<KubernetesObject> s_configMaps = UntypedKubernetesResources.Create("", "v1", "configmaps", "ConfigMap", namespaced: true);
    private static readonly KubernetesResource<KubernetesObject> s_virtualClusters =
        UntypedKubernetesResources.Create("sandbox.portal.io", "v1", "virtualclusters", "VirtualCluster", namespaced: false);

    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("portal-sandbox-vc-").FullName;

    [Fact]
    public async Task VirtualClusters_SameNamespaceAndName_ListAndWatchSeeOnlyTheirOwn()
    {
        await using var server = await SandboxTestCluster.StartAsync();
        await server.Server.CreateVirtualClusterAsync("a");
        await server.Server.CreateVirtualClusterAsync("b");
        using var a = SandboxTestCluster.CreateClient(server.Server.CreateKubeconfig(virtualCluster: "a"));
        using var b = SandboxTestCluster.CreateClient(server.Server.CreateKubeconfig(virtualCluster: "b"));
        var fromVersion = (await a.ListAsync(s_configMaps, "default", null, s_none)).Metadata.ResourceVersion;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<string?>();
        var watching = Task.Run(async () =>
        {
            await foreach (var change in a.WatchAsync(s_configMaps, "default", new WatchOptions { ResourceVersion = fromVersion }, cts.Token))
            {
                if (change.Type != WatchEventType.Bookmark)
                {
                    seen.Add(change.Item!.Content["data"]?["owner"]?.GetValue<string>());
                    return;
                }
            }
        });

        // b first: a's watch must skip it and see a's own object as its first change.
        await b.CreateAsync(s_configMaps, "default", ConfigMap("settings", "b"), s_none);
        await a.CreateAsync(s_configMaps, "default", ConfigMap("settings", "a"), s_none);
        await watching.WaitAsync(cts.Token);

        Assert.Equal(["a"], seen);
        Assert.Equal("a", Assert.Single((await a.ListAsync(s_configMaps, null, null, s_none)).Items).Content["data"]!["owner"]!.GetValue<string>());
        Assert.Equal("b", Assert.Single((await b.ListAsync(s_configMaps, null, null, s_none)).Items).Content["data"]!["owner"]!.GetValue<string>());
        Assert.Empty((await server.Client.ListAsync(s_configMaps, null, null, s_none)).Items);
        Assert.Equal(["a", "b"], server.Server.VirtualClusterNames);
    }

    [Fact]
    public async Task VirtualCluster_Deployment_ItsOwnControllersRunThePods()
    {
        await using var server = await SandboxTestCluster.StartAsync();
        await server.Server.CreateVirtualClusterAsync("apps-1");
        using var client = SandboxTestCluster.CreateClient(server.Server.CreateKubeconfig(virtualCluster: "apps-1"));

        await client.CreateAsync(KubernetesResources.Deployments, "default", WebDeployment(), s_none);

        await Eventually.UntilAsync(
            async () => (await client.GetAsync(KubernetesResources.Deployments, "default", "web", s_none)).Status?.ReadyReplicas == 2,
            TimeSpan.FromSeconds(15),
            () => "the virtual cluster's deployment never became ready");
        Assert.Equal(2, (await client.ListAsync(KubernetesResources.Pods, "default", null, s_none)).Items.Count);
        Assert.Empty((await server.Client.ListAsync(KubernetesResources.Pods, null, null, s_none)).Items);
        Assert.Equal("v1.32.0-sandbox", (await client.GetVersionAsync(s_none)).GitVersion);
    }

    [Fact]
    public async Task AdminResource_CreateTwiceThenDelete_ConflictsThenRemovesTheCluster()
    {
        await using var server = await SandboxTestCluster.StartAsync();
        var item = new KubernetesObject(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "dev-1-eksCluster-1a2b3c4" } });

        await server.Client.CreateAsync(s_virtualClusters, null, item, s_none);
        var again = await Assert.ThrowsAsync<KubernetesConflictException>(() => server.Client.CreateAsync(s_virtualClusters, null, item, s_none));
        using var client = SandboxTestCluster.CreateClient(server.Server.CreateKubeconfig(virtualCluster: "dev-1-eksCluster-1a2b3c4"));
        await client.GetAsync(KubernetesResources.Namespaces, null, "default", s_none);
        await server.Client.DeleteAsync(s_virtualClusters, null, "dev-1-eksCluster-1a2b3c4", null, s_none);

        Assert.Equal("AlreadyExists", again.Reason);
        Assert.Empty(server.Server.VirtualClusterNames);
        await Assert.ThrowsAsync<KubernetesNotFoundException>(() => client.GetAsync(KubernetesResources.Namespaces, null, "default", s_none));
        await Assert.ThrowsAsync<KubernetesNotFoundException>(() => server.Client.DeleteAsync(s_virtualClusters, null, "dev-1-eksCluster-1a2b3c4", null, s_none));
    }

    [Fact]
    public async Task StartAsync_SameStateDirectory_KeepsVirtualClustersAndTheirObjectsUntilDeleted()
    {
        string kubeconfig;
        await using (var first = await StartPersistentAsync())
        {
            await first.Server.CreateVirtualClusterAsync("x");
            kubeconfig = first.Server.CreateKubeconfig(virtualCluster: "x");
            using var client = SandboxTestCluster.CreateClient(kubeconfig);
            await client.CreateAsync(s_configMaps, "default", ConfigMap("settings", "x"), s_none);
        }

        Assert.True(File.Exists(Path.Combine(_stateDirectory, "clusters", "x", "objects.json")));
        await using (var second = await StartPersistentAsync())
        {
            using var client = SandboxTestCluster.CreateClient(kubeconfig);

            var restored = await client.GetAsync(s_configMaps, "default", "settings", s_none);

            Assert.Equal(["x"], second.Server.VirtualClusterNames);
            Assert.Equal("x", restored.Content["data"]!["owner"]!.GetValue<string>());
            Assert.True(await second.Server.DeleteVirtualClusterAsync("x"));
        }

        Assert.False(Directory.Exists(Path.Combine(_stateDirectory, "clusters", "x")));
        await using var third = await StartPersistentAsync();
        Assert.Empty(third.Server.VirtualClusterNames);
    }

    [Fact]
    public async Task DisposeAsync_TwiceAndConcurrently_StopsOnceAndKeepsTheVirtualClusters()
    {
        // A web host stops its hosted services from its own stop and from the application's shutdown wait, at once.
        var first = await StartPersistentAsync();
        await first.Server.CreateVirtualClusterAsync("x");

        await Task.WhenAll(first.Server.DisposeAsync().AsTask(), first.Server.DisposeAsync().AsTask());
        await first.Server.DisposeAsync();
        first.Client.Dispose();

        await using var second = await StartPersistentAsync();
        Assert.Equal(["x"], second.Server.VirtualClusterNames);
    }

    [KubectlFact]
    public async Task KubectlGetPodsAllNamespaces_VirtualClusterKubeconfig_PrintsOnlyItsPods()
    {
        await using var server = await SandboxTestCluster.StartAsync();
        await server.Server.CreateVirtualClusterAsync("x");
        using var client = SandboxTestCluster.CreateClient(server.Server.CreateKubeconfig(virtualCluster: "x"));
        await client.CreateAsync(KubernetesResources.Deployments, "default", WebDeployment(), s_none);
        await server.CreateDeploymentAsync("other", "nginx:1.27", replicas: 1);
        List<Pod> pods = [];
        await Eventually.UntilAsync(
            async () => (pods = (await client.ListAsync(KubernetesResources.Pods, "default", null, s_none)).Items).Count == 2,
            TimeSpan.FromSeconds(15),
            () => $"{pods.Count} pods");
        using var kubectl = new Kubectl(server.Server.CreateKubeconfig(virtualCluster: "x"));

        var result = await kubectl.RunAsync("get", "pods", "-A", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var printed = JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Select(p => p!["metadata"]!["name"]!.GetValue<string>()).Order();
        Assert.Equal(pods.Select(p => p.Metadata.Name!).Order(), printed);
    }

    public void Dispose() => Directory.Delete(_stateDirectory, recursive: true);

    private Task<SandboxTestCluster> StartPersistentAsync() => SandboxTestCluster.StartAsync(50, o =>
    {
        o.HttpPort = -1;
        o.StateDirectory = _stateDirectory;
    });

    private static KubernetesObject ConfigMap(string name, string owner) => new(new JsonObject
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["data"] = new JsonObject { ["owner"] = owner },
    });

    private static Deployment WebDeployment() => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new DeploymentSpec
        {
            Replicas = 2,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "nginx:1.27" }] },
            },
        },
    };
}
