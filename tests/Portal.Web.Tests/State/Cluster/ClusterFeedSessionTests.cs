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

/// <summary>
/// The connect/watch/throttle/dispose lifecycle the live components share, against the sandbox API server through the real
/// shared watch hub. The throttle runs on a manual clock: a render happens only when the test moves time on.
/// </summary>
public sealed class ClusterFeedSessionTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(250);
    private readonly KubernetesOptions _options = new() { RequestTimeout = TimeSpan.FromSeconds(10), WatchReconnectInitialDelay = TimeSpan.FromMilliseconds(50), SharedWatchLinger = TimeSpan.Zero };
    private readonly ManualTimers _clock = new();
    private SandboxKubernetesServer _server = default!;
    private ClusterClientFactory _clients = default!;
    private SharedWatchHub _hub = default!;
    private int _renders;

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
    public async Task Start_ABurstOfChanges_RendersOnceWhenTheIntervalPasses()
    {
        var cluster = Cluster("environment/burst#1");
        await using var session = NewSession(ClusterObjectKinds.Deployments | ClusterObjectKinds.Pods);

        await session.StartAsync(_ => Task.FromResult<EnvironmentCluster?>(cluster), scope: null);
        await cluster.Client.CreateAsync(KubernetesResources.Deployments, "default", NewDeployment("web", "nginx:1.27", 3), CancellationToken.None);
        await UntilAsync(() => session.State!.Pods().Count(p => p.Ready) == 3, () => "pods never ready");

        // Dozens of watch events (the sync, three pods scheduled, started, ready): one render waits, none has happened.
        Assert.Equal(0, Volatile.Read(ref _renders));
        Assert.Equal(1, _clock.Pending);

        _clock.Advance(s_interval);
        await UntilAsync(() => Volatile.Read(ref _renders) == 1, () => $"renders: {_renders}");

        // Further changes wait for the next interval again.
        await cluster.Client.SetContainerImageAsync("default", "web", "web", "nginx:1.28", CancellationToken.None);
        await UntilAsync(() => _clock.Pending == 1, () => "no render requested for the new rollout");
        Assert.Equal(1, Volatile.Read(ref _renders));
        _clock.Advance(s_interval);
        await UntilAsync(() => Volatile.Read(ref _renders) == 2, () => $"renders: {_renders}");
        Assert.True(session.IsWatching);
        Assert.Same(cluster, session.Cluster);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Dispose_StopsTheWatchesAndDropsThePendingRender()
    {
        var cluster = Cluster("environment/gone#2");
        var session = NewSession(ClusterObjectKinds.Pods);
        await session.StartAsync(_ => Task.FromResult<EnvironmentCluster?>(cluster), scope: null);
        await UntilAsync(() => session.State!.IsSynced(ClusterObjectKinds.Pods) && _clock.Pending == 1, () => "never synced");
        Assert.Equal(1, _hub.ActiveUpstreamCount);

        await session.DisposeAsync();

        Assert.Equal(0, _clock.Pending);
        _clock.Advance(s_interval);
        Assert.Equal(0, Volatile.Read(ref _renders));
        Assert.False(session.IsWatching);
        Assert.Null(session.State);
        await UntilAsync(() => _hub.ActiveUpstreamCount == 0, () => $"upstreams: {_hub.ActiveUpstreamCount}");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.StartAsync(_ => Task.FromResult<EnvironmentCluster?>(cluster), null));
        await session.DisposeAsync(); // twice is harmless
    }

    [Fact]
    public async Task Start_ReplacedWhileConnecting_TheEarlierConnectionGivesUp()
    {
        var first = Cluster("environment/first#3");
        var second = Cluster("environment/second#4");
        await using var session = NewSession(ClusterObjectKinds.Pods);
        var slow = new TaskCompletionSource<EnvironmentCluster?>(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationToken firstToken = default;

        var starting = session.StartAsync(token =>
        {
            firstToken = token;
            return slow.Task;
        }, scope: null);
        await session.StartAsync(_ => Task.FromResult<EnvironmentCluster?>(second), scope: null);
        Assert.True(firstToken.IsCancellationRequested);
        slow.SetResult(first);
        await starting;

        Assert.Same(second, session.Cluster);
        await UntilAsync(() => session.State!.IsSynced(ClusterObjectKinds.Pods), () => "never synced");
        Assert.Equal(1, _hub.ActiveUpstreamCount);
    }

    [Fact]
    public async Task Start_ConnectionFails_SaysWhyAndWatchesNothing()
    {
        await using var session = NewSession(ClusterObjectKinds.Pods);

        await session.StartAsync(_ => throw new HttpRequestException("Connection refused (10.0.0.1:443)"), scope: null);

        Assert.Equal("The cluster is unreachable: Connection refused (10.0.0.1:443)", session.ConnectError);
        Assert.False(session.IsWatching);
        Assert.False(session.NoCluster);

        await session.StartAsync(_ => Task.FromResult<EnvironmentCluster?>(null), scope: null);

        Assert.Null(session.ConnectError);
        Assert.True(session.NoCluster);
        Assert.False(session.IsWatching);
        Assert.Equal(0, _hub.StartedUpstreamCount);
    }

    [Fact]
    public async Task Start_CredentialsRejected_TheErrorIsShownOnTheNextRender()
    {
        var config = JsonNode.Parse(_server.Kubeconfig)!;
        config["users"]![0]!["user"] = new JsonObject { ["token"] = "not-the-token" };
        var cluster = new EnvironmentCluster("environment/denied#5", _clients.GetOrCreate("environment/denied#5", config.ToJsonString()));
        await using var session = NewSession(ClusterObjectKinds.Pods, TimeSpan.FromMilliseconds(100));

        await session.StartAsync(_ => Task.FromResult<EnvironmentCluster?>(cluster), scope: null);
        await UntilAsync(() => session.Errors.Any(e => e.Contains("401 Unauthorized", StringComparison.Ordinal)), () => string.Join(" | ", session.Errors));

        Assert.Null(session.ConnectError);
        Assert.False(session.State!.IsSynced(ClusterObjectKinds.Pods));
        await UntilAsync(() => _clock.Pending == 1, () => "no render requested for the error");
        _clock.Advance(s_interval);
        await UntilAsync(() => Volatile.Read(ref _renders) >= 1, () => $"renders: {_renders}");
    }

    private ClusterFeedSession NewSession(ClusterObjectKinds kinds, TimeSpan? retry = null) =>
        new(_hub, kinds, () =>
        {
            Interlocked.Increment(ref _renders);
            return Task.CompletedTask;
        }, s_interval, _clock)
        {
            InitialRetryDelay = retry ?? ClusterWatchFeed.DefaultInitialRetryDelay,
        };

    private EnvironmentCluster Cluster(string name) => new(name, _clients.GetOrCreate(name, _server.Kubeconfig));

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
}
