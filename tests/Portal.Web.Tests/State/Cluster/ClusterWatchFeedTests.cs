using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Kubernetes.Watching;
using Portal.Sandbox.Kubernetes;
using Portal.Web.State.Cluster;

namespace Portal.Web.Tests.State.Cluster;

/// <summary>The feed against the sandbox API server, through the real shared watch hub and cluster client.</summary>
public sealed class ClusterWatchFeedTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private static readonly CancellationToken s_none = CancellationToken.None;
    private readonly KubernetesOptions _options = new() { RequestTimeout = TimeSpan.FromSeconds(10), WatchReconnectInitialDelay = TimeSpan.FromMilliseconds(50), SharedWatchLinger = TimeSpan.Zero };
    private SandboxKubernetesServer _server = default!;
    private ClusterClientFactory _clients = default!;
    private SharedWatchHub _hub = default!;

    public async Task InitializeAsync()
    {
        _server = await SandboxKubernetesServer.StartAsync(new SandboxKubernetesOptions { Speed = 50, BookmarkInterval = TimeSpan.FromMilliseconds(300) });
        _clients = new ClusterClientFactory(Options.Create(_options), new AwsSdkCredentialSource(), TimeProvider.System, NullLoggerFactory.Instance);
        _hub = new SharedWatchHub(Options.Create(_options), TimeProvider.System, NullLogger<SharedWatchHub>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _clients.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Feed_DeploymentRolledOutThenCrashingAndLoadBalancer_StateFollowsTheCluster()
    {
        var cluster = new EnvironmentCluster("environment/demo#1", _clients.GetOrCreate("environment/demo#1", _server.Kubeconfig));
        var state = new ClusterObjectsState(scope: null);
        var changes = 0;
        await using var feed = new ClusterWatchFeed(_hub, cluster, state, ClusterObjectKinds.All, () => Interlocked.Increment(ref changes));
        feed.Start();
        await UntilAsync(() => state.IsSynced(ClusterObjectKinds.Pods) && state.IsSynced(ClusterObjectKinds.Events), () => "never synced");

        await cluster.Client.CreateAsync(KubernetesResources.Deployments, "default", NewDeployment("web", "nginx:1.27", 2), s_none);

        await UntilAsync(() => state.Pods().Count(p => p.Name.StartsWith("web-", StringComparison.Ordinal) && p.Phase == "Running" && p.Ready) == 2, () => Describe(state));
        await UntilAsync(() => state.Deployments().SingleOrDefault(d => d.Name == "web")?.RolloutText == "complete", () => Describe(state));
        Assert.Equal(new PodReadiness(2, 2), state.PodReadiness());
        Assert.Contains(state.Events(), e => e.Reason == "Scheduled" && e.InvolvedObject.StartsWith("pod/web-", StringComparison.Ordinal));

        await cluster.Client.SetContainerImageAsync("default", "web", "web", "nginx:crash", s_none);

        await UntilAsync(() => state.Pods().Any(p => p.Problem is { Reason: "CrashLoopBackOff", IsFailure: true }), () => Describe(state));
        Assert.StartsWith("progressing: ", state.Deployments().Single(d => d.Name == "web").RolloutText, StringComparison.Ordinal);
        Assert.Contains(state.Events(), e => e.IsWarning && e.Reason == "BackOff");

        await cluster.Client.CreateAsync(KubernetesResources.Services, "default", NewLoadBalancer("web"), s_none);

        await UntilAsync(() => state.Services().SingleOrDefault(s => s.Name == "web") is { IsPending: false } s
            && s.Hostnames.Single().EndsWith(".elb.us-east-1.amazonaws.com", StringComparison.Ordinal), () => Describe(state));

        await cluster.Client.DeleteAsync(KubernetesResources.Deployments, "default", "web", null, s_none);
        await UntilAsync(() => state.Deployments().All(d => d.Name != "web"), () => Describe(state));
        Assert.Empty(feed.Errors);
        Assert.True(changes > 0);
    }

    [Fact]
    public async Task Feed_ManyViewersOfOneCluster_ShareOneUpstreamWatch()
    {
        var cluster = new EnvironmentCluster("environment/shared#2", _clients.GetOrCreate("environment/shared#2", _server.Kubeconfig));
        var feeds = Enumerable.Range(0, 20).Select(_ => new ClusterWatchFeed(_hub, cluster, new ClusterObjectsState(scope: null), ClusterObjectKinds.Pods, () => { })).ToList();
        try
        {
            feeds.ForEach(f => f.Start());
            await UntilAsync(() => feeds.All(f => f.State.IsSynced(ClusterObjectKinds.Pods)), () => "not synced");

            Assert.Equal(1, _hub.ActiveUpstreamCount);
        }
        finally
        {
            foreach (var feed in feeds)
            {
                await feed.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Feed_CredentialsRejected_ReportsUnauthorizedAndKeepsTrying()
    {
        var config = JsonNode.Parse(_server.Kubeconfig)!;
        config["users"]![0]!["user"] = new JsonObject { ["token"] = "not-the-token" };
        var cluster = new EnvironmentCluster("environment/denied#3", _clients.GetOrCreate("environment/denied#3", config.ToJsonString()));
        var state = new ClusterObjectsState(scope: null);
        await using var feed = new ClusterWatchFeed(_hub, cluster, state, ClusterObjectKinds.Pods, () => { })
        {
            InitialRetryDelay = TimeSpan.FromMilliseconds(100),
            ReachabilityProbeInterval = TimeSpan.FromSeconds(1),
        };

        feed.Start();

        await UntilAsync(() => feed.Errors.Any(e => e.Contains("401 Unauthorized", StringComparison.Ordinal)), () => string.Join(" | ", feed.Errors));
        Assert.False(state.IsSynced(ClusterObjectKinds.Pods));
        await UntilAsync(() => _hub.StartedUpstreamCount >= 2, () => $"upstreams started: {_hub.StartedUpstreamCount}"); // it subscribes again
    }

    private static async Task UntilAsync(Func<bool> condition, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {s_timeout.TotalSeconds:0}s. {describe()}");
            }

            await Task.Delay(25);
        }
    }

    private static string Describe(ClusterObjectsState state) =>
        $"deployments: {string.Join(", ", state.Deployments().Select(d => $"{d.Name} {d.Ready}/{d.Desired} {d.RolloutText}"))}; " +
        $"pods: {string.Join(", ", state.Pods().Select(p => $"{p.Name} {p.Phase} ready={p.Ready} {p.Problem?.Reason}"))}; " +
        $"services: {string.Join(", ", state.Services().Select(s => $"{s.Name} {s.Type} [{string.Join(' ', s.Hostnames)}]"))}";

    private static Deployment NewDeployment(string name, string image, int replicas) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new() { ["app"] = name } },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = name } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = name } },
                Spec = new PodSpec { Containers = [new Container { Name = name, Image = image }] },
            },
        },
    };

    private static Service NewLoadBalancer(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new ServiceSpec { Type = "LoadBalancer", Selector = new() { ["app"] = name }, Ports = [new ServicePort { Port = 80, Protocol = "TCP", TargetPort = IntOrString.FromInt(80) }] },
    };
}
