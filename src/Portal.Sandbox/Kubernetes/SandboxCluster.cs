using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Controllers;
using Portal.Sandbox.Kubernetes.Persistence;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes;

/// <summary>One simulated cluster: its store, admission, controllers and credentials. A server serves one cluster.</summary>
internal sealed class SandboxCluster : IAsyncDisposable
{
    private static readonly string[] s_builtInNamespaces = ["default", "kube-system", "kube-public"];
    private readonly CancellationTokenSource _stopping = new();
    private readonly ControllerLoop _loop;
    private Task _controllers = Task.CompletedTask;
    private int _disposed;

    // restored: the objects an earlier run saved in its state directory; the controllers resume from them.
    public SandboxCluster(SandboxKubernetesOptions options, string token, StoreSnapshot? restored, TimeProvider timeProvider, ILogger logger)
    {
        Options = options;
        Token = token;
        Store = new ObjectStore(timeProvider, options.WatchHistoryLimit);
        if (restored is not null)
        {
            Store.Restore(restored);
        }

        Admission = new Admission();
        var clock = new SimulationClock(timeProvider, options.Speed);
        var events = new EventRecorder(Store);
        LoadBalancers = new LoadBalancerController(Store, events, clock, options.Region);
        _loop = new ControllerLoop(
            Store,
            new GarbageCollector(Store),
            LoadBalancers,
            new DeploymentController(Store, events, clock),
            new ReplicaSetController(Store, Admission, events),
            new KubeletSimulator(Store, events, clock, options.FailureRules),
            new HorizontalPodAutoscalerController(Store, events, clock),
            new ServiceAccountController(Store),
            logger);

        foreach (var ns in s_builtInNamespaces.Concat(options.Namespaces).Distinct().Where(ns => Store.Get(ResourceTypes.Namespaces, null, ns) is null))
        {
            var item = new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } };
            Admission.OnCreate(ResourceTypes.Namespaces, item);
            Store.Create(ResourceTypes.Namespaces, item);
        }
    }

    /// <summary>A random bearer token (48 hex characters).</summary>
    public static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public SandboxKubernetesOptions Options { get; }

    public string Token { get; }

    public ObjectStore Store { get; }

    public Admission Admission { get; }

    public LoadBalancerController LoadBalancers { get; }

    public void Start() => _controllers = Task.Run(() => _loop.RunAsync(_stopping.Token));

    public async ValueTask DisposeAsync()
    {
        // Idempotent: a virtual cluster deleted while the server shuts down is stopped by both.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await _controllers;
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        _stopping.Dispose();
    }
}
