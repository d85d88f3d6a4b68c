using Portal.Provisioning.Environments;
using Portal.Provisioning.Kubernetes.Watching;

namespace Portal.Web.State.Cluster;

/// <summary>
/// The lifecycle a live cluster component repeats around a <see cref="ClusterWatchFeed"/>: connect (cancellable, replaced by
/// a newer <see cref="StartAsync"/>), make the state and start the feed, turn its change callbacks (from watch threads) into
/// at most one render per <see cref="RenderInterval"/>, surface a failed connection, and stop everything on
/// <see cref="StopAsync"/> or disposal. The component passes its <c>() =&gt; InvokeAsync(StateHasChanged)</c> as the render
/// and reads <see cref="State"/>, <see cref="Errors"/> and <see cref="ConnectError"/> when it renders.
/// </summary>
public sealed class ClusterFeedSession : IAsyncDisposable
{
    /// <summary>About four renders a second: enough to watch pods come up, little enough for a busy cluster.</summary>
    public static readonly TimeSpan DefaultRenderInterval = TimeSpan.FromMilliseconds(250);

    private readonly ISharedWatchHub _hub;
    private readonly ClusterObjectKinds _kinds;
    private readonly RenderThrottle _throttle;
    private CancellationTokenSource? _connecting;
    private ClusterWatchFeed? _feed;
    private bool _disposed;

    /// <param name="hub">The shared watches the feed subscribes to.</param>
    /// <param name="kinds">The kinds of object to watch.</param>
    /// <param name="render">Re-renders the component on its dispatcher; called at most once per <paramref name="renderInterval"/>.</param>
    /// <param name="renderInterval">The throttle's interval; <see cref="DefaultRenderInterval"/> when null.</param>
    /// <param name="time">The clock of the throttle (tests pass a manual one).</param>
    public ClusterFeedSession(ISharedWatchHub hub, ClusterObjectKinds kinds, Func<Task> render, TimeSpan? renderInterval = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(render);
        _hub = hub;
        _kinds = kinds;
        RenderInterval = renderInterval ?? DefaultRenderInterval;
        _throttle = new RenderThrottle(RenderInterval, render, time);
    }

    public TimeSpan RenderInterval { get; }

    /// <summary>How often the feed checks that the cluster answers; null (the default) does not check.</summary>
    public TimeSpan? ReachabilityProbeInterval { get; init; }

    /// <summary>The feed's back-off before re-subscribing after a failed subscription.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = ClusterWatchFeed.DefaultInitialRetryDelay;

    /// <summary>The connected cluster, or null before a connection, when there is none, or after a stop.</summary>
    public EnvironmentCluster? Cluster { get; private set; }

    /// <summary>The objects seen, while a feed runs.</summary>
    public ClusterObjectsState? State => _feed?.State;

    /// <summary>A feed runs (the connection succeeded and found a cluster).</summary>
    public bool IsWatching => _feed is not null;

    /// <summary>The environment has no cluster (yet): the connection returned none.</summary>
    public bool NoCluster { get; private set; }

    /// <summary>Why the connection failed, said for an operator; null when it did not.</summary>
    public string? ConnectError { get; private set; }

    /// <summary>The running feed's current problems (empty when all is well or nothing runs).</summary>
    public IReadOnlyList<string> Errors => _feed?.Errors ?? [];

    /// <summary>
    /// Stops what runs, connects and starts watching the namespaces of <paramref name="scope"/> (null: all but the system
    /// ones). A later call, <see cref="StopAsync"/> or disposal while this one connects makes it give up quietly.
    /// </summary>
    /// <param name="connect">Connects to the environment's cluster; null when it has none yet.</param>
    /// <param name="scope">The namespaces to watch.</param>
    /// <param name="maxEvents">How many events the state keeps.</param>
    public async Task StartAsync(Func<CancellationToken, Task<EnvironmentCluster?>> connect, IReadOnlySet<string>? scope, int maxEvents = ClusterObjectsState.DefaultMaxEvents)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await StopAsync();
        var connecting = _connecting = new CancellationTokenSource();
        var token = connecting.Token;
        EnvironmentCluster? cluster;
        try
        {
            cluster = await connect(token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!token.IsCancellationRequested)
            {
                ConnectError = ClusterWatchFeed.Describe(ex);
            }

            return;
        }

        if (token.IsCancellationRequested)
        {
            return; // replaced or stopped while the secrets were read
        }

        if (cluster is null)
        {
            NoCluster = true;
            return;
        }

        Cluster = cluster;
        var state = new ClusterObjectsState(scope, maxEvents);
        _feed = new ClusterWatchFeed(_hub, cluster, state, _kinds, _throttle.Request)
        {
            ReachabilityProbeInterval = ReachabilityProbeInterval,
            InitialRetryDelay = InitialRetryDelay,
        };
        _feed.Start();
    }

    /// <summary>Cancels a connection under way and stops the feed; the session can start again.</summary>
    public async Task StopAsync()
    {
        if (_connecting is { } connecting)
        {
            _connecting = null;
            await connecting.CancelAsync();
            connecting.Dispose();
        }

        if (_feed is { } feed)
        {
            _feed = null;
            await feed.DisposeAsync();
        }

        Cluster = null;
        NoCluster = false;
        ConnectError = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _throttle.Dispose();
        await StopAsync();
    }
}
