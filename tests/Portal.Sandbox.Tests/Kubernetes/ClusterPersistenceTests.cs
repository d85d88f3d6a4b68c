using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Kubernetes.Rollout;
using Portal.Sandbox.Kubernetes;
using Portal.Sandbox.Kubernetes.Persistence;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Tests.Kubernetes;

/// <summary>
/// A sandbox server with a state directory is the same cluster after a restart (as an EKS cluster outlives the portal):
/// same endpoint, CA and token, the same objects, and controllers that carry on from where they were.
/// </summary>
public sealed class ClusterPersistenceTests : IDisposable
{
    private static readonly CancellationToken s_none = CancellationToken.None;
    private static readonly KubernetesResource<KubernetesObject> s_configMaps = UntypedKubernetesResources.Create("", "v1", "configmaps", "ConfigMap", namespaced: true);
    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("portal-sandbox-state-").FullName;

    [Fact]
    public async Task StartAsync_SameStateDirectory_KeepsObjectsPortCaAndToken()
    {
        string kubeconfig;
        string uid;
        Uri? endpoint;
        await using (var first = await StartAsync())
        {
            await first.Client.CreateAsync(KubernetesResources.Namespaces, null, new Namespace { Metadata = new ObjectMeta { Name = "team-a" } }, s_none);
            uid = (await first.Client.CreateAsync(s_configMaps, "team-a", ConfigMap("settings", "team-a"), s_none)).Metadata.Uid!;
            kubeconfig = first.Server.Kubeconfig;
            endpoint = first.Server.HttpsUrl;
        }

        await using var second = await StartAsync();

        Assert.Equal(kubeconfig, second.Server.Kubeconfig);
        Assert.Equal(endpoint, second.Server.HttpsUrl);
        var restored = await second.Client.GetAsync(s_configMaps, "team-a", "settings", s_none);
        Assert.Equal(uid, restored.Metadata.Uid);
        Assert.Equal("on", restored.Content["data"]!["feature"]!.GetValue<string>());
        Assert.Equal("Active", (await second.Client.GetAsync(KubernetesResources.Namespaces, null, "team-a", s_none)).Status?.Phase);
    }

    [Fact]
    public async Task StartAsync_SameStateDirectory_ClientFromTheFirstKubeconfigKeepsWorking()
    {
        var first = await StartAsync();
        using var client = SandboxTestCluster.CreateClient(first.Server.Kubeconfig);
        await client.CreateAsync(s_configMaps, "default", ConfigMap("before"), s_none);
        await first.DisposeAsync();

        await using var second = await StartAsync();
        await client.CreateAsync(s_configMaps, "default", ConfigMap("after"), s_none);

        var names = (await client.ListAsync(s_configMaps, "default", null, s_none)).Items.Select(c => c.Metadata.Name).Order();
        Assert.Equal(["after", "before"], names);
    }

    [Fact]
    public async Task StartAsync_AfterRestart_ResourceVersionsKeepIncreasingAndOlderWatchesExpire()
    {
        long before;
        string oldVersion;
        await using (var first = await StartAsync())
        {
            oldVersion = (await first.Client.CreateAsync(s_configMaps, "default", ConfigMap("one"), s_none)).Metadata.ResourceVersion!;
            await first.Client.CreateAsync(s_configMaps, "default", ConfigMap("two"), s_none);
            before = first.Server.ResourceVersion;
        }

        await using var second = await StartAsync();
        var created = await second.Client.CreateAsync(s_configMaps, "default", ConfigMap("three"), s_none);

        Assert.True(long.Parse(created.Metadata.ResourceVersion!, CultureInfo.InvariantCulture) > before, $"{created.Metadata.ResourceVersion} after {before}");
        var events = new List<WatchEvent<KubernetesObject>>();
        await foreach (var change in second.Client.WatchAsync(s_configMaps, "default", new WatchOptions { ResourceVersion = oldVersion }, s_none))
        {
            events.Add(change);
        }

        Assert.Equal(410, Assert.Single(events).Error?.Code);
    }

    [Fact]
    public async Task StartAsync_AfterRestart_ReadyDeploymentKeepsItsRunningPods()
    {
        List<string> pods;
        await using (var first = await StartAsync())
        {
            await first.CreateDeploymentAsync("web", "nginx:1.27", replicas: 2);
            await first.WaitForDeploymentAsync("web", d => RolloutStatusEvaluator.Evaluate(d).IsDone);
            pods = await PodNamesAsync(first);
        }

        // So slow that a pod starting again could not be Ready yet: Ready pods must come from the saved state.
        await using var second = await StartAsync(speed: 0.01);

        var deployment = await second.Client.GetAsync(KubernetesResources.Deployments, "default", "web", s_none);
        Assert.True(RolloutStatusEvaluator.Evaluate(deployment).IsDone, System.Text.Json.JsonSerializer.Serialize(deployment.Status));
        Assert.Equal(2, deployment.Status?.ReadyReplicas);
        Assert.Equal(pods, await PodNamesAsync(second));
        var restored = await second.Client.ListAsync(KubernetesResources.Pods, "default", null, s_none);
        Assert.All(restored.Items, p => Assert.Equal("Running", p.Status?.Phase));

        // A pass of every controller later, still the same pods.
        await Task.Delay(300);
        Assert.Equal(pods, await PodNamesAsync(second));
    }

    [Fact]
    public async Task StartAsync_RestartDuringRollout_RolloutFinishes()
    {
        await using (var first = await StartAsync(speed: 2))
        {
            await first.CreateDeploymentAsync("web", "nginx:1.27", replicas: 2);
            await first.WaitForDeploymentAsync("web", d => RolloutStatusEvaluator.Evaluate(d).IsDone, TimeSpan.FromSeconds(30));
            await first.Client.SetContainerImageAsync("default", "web", "web", "nginx:1.28", s_none);
            var midway = await first.WaitForDeploymentAsync("web", d => d.Status?.UpdatedReplicas >= 1);
            Assert.False(RolloutStatusEvaluator.Evaluate(midway).IsDone);
        }

        await using var second = await StartAsync();

        await second.WaitForDeploymentAsync("web", d => RolloutStatusEvaluator.Evaluate(d).IsDone && d.Status?.UpdatedReplicas == 2);
        await Eventually.UntilAsync(
            async () => (await second.Client.ListAsync(KubernetesResources.Pods, "default", null, s_none)).Items.All(p => p.Spec!.Containers[0].Image == "nginx:1.28"),
            TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task StartAsync_AfterRestart_LoadBalancerServiceKeepsItsHostname()
    {
        string hostname;
        await using (var first = await StartAsync())
        {
            await first.Client.CreateAsync(KubernetesResources.Services, "default", LoadBalancer("front"), s_none);
            await Eventually.UntilAsync(async () => await HostnameAsync(first, "front") is not null, TimeSpan.FromSeconds(10));
            hostname = (await HostnameAsync(first, "front"))!;
        }

        // A load balancer provisioned again would take minutes at this speed.
        await using var second = await StartAsync(speed: 0.01);

        Assert.Equal(hostname, await HostnameAsync(second, "front"));
        Assert.Matches(@"^k8s-default-front-[0-9a-f]{10}\.elb\.us-east-1\.amazonaws\.com$", hostname);
    }

    [Fact]
    public async Task StartAsync_NamespaceTerminatingAtShutdown_FinishesDeletingAfterRestart()
    {
        // Slow enough that the load balancer teardown (which holds the namespace) is still running at shutdown.
        await using (var first = await StartAsync(speed: 0.5))
        {
            await first.Client.CreateAsync(KubernetesResources.Namespaces, null, new Namespace { Metadata = new ObjectMeta { Name = "doomed" } }, s_none);
            await first.Client.CreateAsync(KubernetesResources.Services, "doomed", LoadBalancer("front", "doomed"), s_none);
            await Eventually.UntilAsync(async () => (await first.Client.GetAsync(KubernetesResources.Services, "doomed", "front", s_none)).Metadata.Finalizers is { Count: > 0 }, TimeSpan.FromSeconds(10));
            await first.Client.DeleteAsync(KubernetesResources.Namespaces, null, "doomed", null, s_none);
            await Eventually.UntilAsync(async () => (await first.Client.GetAsync(KubernetesResources.Services, "doomed", "front", s_none)).Metadata.DeletionTimestamp is not null, TimeSpan.FromSeconds(10));
        }

        var saved = ReadSnapshot(_stateDirectory);
        Assert.Contains(saved.Objects, o => o.Type == ResourceTypes.Namespaces && o.Object["metadata"]!["name"]!.GetValue<string>() == "doomed" && o.Object["metadata"]!["deletionTimestamp"] is not null);

        await using var second = await StartAsync();

        await Eventually.UntilAsync(
            async () => !(await second.Client.ListAsync(KubernetesResources.Namespaces, null, null, s_none)).Items.Any(n => n.Metadata.Name == "doomed"),
            TimeSpan.FromSeconds(15));
        Assert.Empty((await second.Client.ListAsync(KubernetesResources.Services, "doomed", null, s_none)).Items);
    }

    [Fact]
    public async Task StartAsync_FromStateCopiedWhileTheFirstRuns_HasTheChangesOfTheDebouncedWrite()
    {
        // The first server is never disposed before the copy: only the debounced write can have saved the config map.
        await using var first = await StartAsync();
        var created = await first.Client.CreateAsync(s_configMaps, "default", ConfigMap("unsaved-at-crash"), s_none);
        await Task.Delay(StoreSnapshotWriter.QuietPeriod + TimeSpan.FromMilliseconds(600));
        var copy = Directory.CreateTempSubdirectory("portal-sandbox-state-copy-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(_stateDirectory).Where(f => Path.GetFileName(f) != SandboxStateDirectory.PortsFile))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            // The first still holds its port: the copy picks another one.
            await using var second = await SandboxTestCluster.StartAsync(50, o => Persist(o, copy));

            var restored = await second.Client.GetAsync(s_configMaps, "default", "unsaved-at-crash", s_none);
            Assert.Equal(created.Metadata.Uid, restored.Metadata.Uid);

            // Not shut down cleanly: versions skip ahead, so none a client saw before the crash is handed out again.
            Assert.True(second.Server.ResourceVersion >= long.Parse(created.Metadata.ResourceVersion!, CultureInfo.InvariantCulture) + ObjectStore.UncleanRestartVersionGap);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_CorruptStateFile_StartsEmptyLogsAndMovesTheFileAside()
    {
        await (await StartAsync()).DisposeAsync();
        var objects = Path.Combine(_stateDirectory, SandboxStateDirectory.ObjectsFile);
        await File.WriteAllTextAsync(objects, "{\"format\":1,\"resourceVersion\":12,\"objects\":{\"namespaces\":[{\"metada");
        using var logs = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));

        await using var server = await SandboxKubernetesServer.StartAsync(new SandboxKubernetesOptions { Speed = 50, HttpPort = -1, StateDirectory = _stateDirectory }, loggerFactory);

        using var client = SandboxTestCluster.CreateClient(server.Kubeconfig);
        var namespaces = (await client.ListAsync(KubernetesResources.Namespaces, null, null, s_none)).Items.Select(n => n.Metadata.Name).Order();
        Assert.Equal(["default", "kube-public", "kube-system"], namespaces);
        var movedAside = Assert.Single(Directory.GetFiles(_stateDirectory, SandboxStateDirectory.ObjectsFile + ".corrupt-*"));
        Assert.EndsWith("\"metada", await File.ReadAllTextAsync(movedAside), StringComparison.Ordinal);
        var error = Assert.Single(logs.Entries, e => e.EventId.Id == 3112);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Contains(movedAside, error.Message, StringComparison.Ordinal);

        // The new state file is usable again.
        Assert.NotEmpty(ReadSnapshot(_stateDirectory).Objects);
    }

    [Fact]
    public async Task StartAsync_SavedPortTaken_FailsNamingThePortAndTheFile()
    {
        int port;
        await using (var first = await StartAsync())
        {
            port = first.Server.HttpsUrl!.Port;
        }

        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        holder.Start();

        var error = await Assert.ThrowsAsync<IOException>(() => SandboxKubernetesServer.StartAsync(new SandboxKubernetesOptions { HttpPort = -1, StateDirectory = _stateDirectory }));

        Assert.Contains($"port {port} (HTTPS)", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_stateDirectory, SandboxStateDirectory.PortsFile), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_WithStateDirectory_WritesSecretsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix file modes
        }

        await (await StartAsync()).DisposeAsync();

        foreach (var file in new[] { SandboxStateDirectory.AuthorityKeyFile, SandboxStateDirectory.ServerKeyFile, SandboxStateDirectory.TokenFile, SandboxStateDirectory.ObjectsFile })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_stateDirectory, file)));
        }
    }

    [KubectlFact]
    public async Task Kubectl_AgainstRestartedServer_ListsTheRestoredObjects()
    {
        string kubeconfig;
        await using (var first = await StartAsync())
        {
            await first.CreateDeploymentAsync("web", "nginx:1.27", replicas: 2);
            await first.WaitForDeploymentAsync("web", d => RolloutStatusEvaluator.Evaluate(d).IsDone);
            await first.Client.CreateAsync(s_configMaps, "default", ConfigMap("settings"), s_none);
            kubeconfig = first.Server.Kubeconfig;
        }

        await using var second = await StartAsync();
        using var kubectl = new Kubectl(kubeconfig);

        var result = await kubectl.RunAsync("get", "deployments,pods,configmaps", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var items = JsonNode.Parse(result.Stdout)!["items"]!.AsArray();
        var names = items.Select(i => $"{i!["kind"]}/{i["metadata"]!["name"]}").ToList();
        Assert.Contains("Deployment/web", names);
        Assert.Contains("ConfigMap/settings", names);
        Assert.Equal(2, items.Count(i => i!["kind"]!.GetValue<string>() == "Pod" && i["status"]!["phase"]!.GetValue<string>() == "Running"));
    }

    public void Dispose() => Directory.Delete(_stateDirectory, recursive: true);

    private Task<SandboxTestCluster> StartAsync(double speed = 50) => SandboxTestCluster.StartAsync(speed, o => Persist(o, _stateDirectory));

    private static void Persist(SandboxKubernetesOptions options, string directory)
    {
        options.HttpPort = -1;
        options.StateDirectory = directory;
    }

    private static StoreSnapshot ReadSnapshot(string directory)
    {
        using var stream = File.OpenRead(Path.Combine(directory, SandboxStateDirectory.ObjectsFile));
        return StoreSnapshot.Read(stream);
    }

    private static async Task<List<string>> PodNamesAsync(SandboxTestCluster cluster) =>
        [.. (await cluster.Client.ListAsync(KubernetesResources.Pods, "default", null, s_none)).Items.Select(p => p.Metadata.Name!).Order()];

    private static async Task<string?> HostnameAsync(SandboxTestCluster cluster, string name) =>
        (await cluster.Client.GetAsync(KubernetesResources.Services, "default", name, s_none)).Status?.LoadBalancer?.Ingress?.FirstOrDefault()?.Hostname;

    private static KubernetesObject ConfigMap(string name, string ns = "default") => new(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["data"] = new JsonObject { ["feature"] = "on" },
    });

    private static Service LoadBalancer(string name, string ns = "default") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new ServiceSpec { Type = "LoadBalancer", Ports = [new ServicePort { Port = 80 }] },
    };
}
