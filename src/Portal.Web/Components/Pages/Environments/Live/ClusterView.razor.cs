using Microsoft.AspNetCore.Components;
using Portal.Data.Entities;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Kubernetes.Watching;
using Portal.Provisioning.Templates;
using Portal.Web.State;
using Portal.Web.State.Cluster;

namespace Portal.Web.Components.Pages.Environments.Live;

/// <summary>
/// Connects to the environment's cluster (its kubeconfig output) and shows its objects live. The watches start only in
/// the interactive circuit (not while prerendering), restart when the environment's outputs or parameters change (a new
/// kubeconfig, other namespaces), and stop when the component goes away. Renders are throttled to about four a second.
/// </summary>
public sealed partial class ClusterView
{
    private static readonly TimeSpan s_renderInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_probeInterval = TimeSpan.FromSeconds(15);
    private const ClusterObjectKinds ViewedKinds = ClusterObjectKinds.Deployments | ClusterObjectKinds.Pods | ClusterObjectKinds.Services | ClusterObjectKinds.Events;

    private RenderThrottle? _throttle;
    private CancellationTokenSource? _connecting;
    private ClusterWatchFeed? _feed;
    private ClusterObjectsState? _state;
    private string? _activeKey;
    private bool _noCluster;
    private string? _connectError;
    private long _rowsVersion = -1;
    private DateTimeOffset _now;
    private IReadOnlyList<DeploymentRow> _deployments = [];
    private IReadOnlyList<PodRow> _pods = [];
    private IReadOnlyList<ServiceRow> _services = [];
    private IReadOnlyList<EventRow> _events = [];

    [Inject] private EnvironmentClusterAccess ClusterAccess { get; set; } = default!;

    [Inject] private ISharedWatchHub WatchHub { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Parameter, EditorRequired] public EnvironmentRecord Environment { get; set; } = default!;

    [Parameter, EditorRequired] public EnvironmentTemplate Template { get; set; } = default!;

    private bool Synced => _state is { } s && s.IsSynced(ClusterObjectKinds.Deployments) && s.IsSynced(ClusterObjectKinds.Pods)
        && s.IsSynced(ClusterObjectKinds.Services) && s.IsSynced(ClusterObjectKinds.Events);

    protected override async Task OnParametersSetAsync()
    {
        ArgumentNullException.ThrowIfNull(Environment);
        ArgumentNullException.ThrowIfNull(Template);

        // Prerendering is a one-shot HTML pass: watching there would only open watches to close them at once.
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        var key = string.Join('\n', Environment.Id, Template.Name, Environment.OutputsJson, Environment.ParametersJson);
        if (key != _activeKey)
        {
            _activeKey = key;
            await RestartAsync();
        }
    }

    private async Task RestartAsync()
    {
        await StopAsync();
        _throttle ??= new RenderThrottle(s_renderInterval, () => InvokeAsync(StateHasChanged));
        _connecting = new CancellationTokenSource();
        var token = _connecting.Token;
        EnvironmentCluster? cluster;
        try
        {
            cluster = await ClusterAccess.ConnectAsync(Environment, token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _connectError = ClusterWatchFeed.Describe(ex);
            return;
        }

        if (token.IsCancellationRequested)
        {
            return; // parameters changed again, or the component went away, while the secrets were read
        }

        if (cluster is null)
        {
            _noCluster = true;
            return;
        }

        _state = new ClusterObjectsState(EnvironmentScope.Namespaces(Template, Environment));
        _feed = new ClusterWatchFeed(WatchHub, cluster, _state, ViewedKinds, _throttle.Request) { ReachabilityProbeInterval = s_probeInterval };
        _feed.Start();
    }

    private async Task StopAsync()
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

        _state = null;
        _noCluster = false;
        _connectError = null;
        _rowsVersion = -1;
    }

    /// <summary>Rebuilds the rows only when the state moved, so the grids keep their page between unrelated renders.</summary>
    private void RefreshRows()
    {
        _now = Time.GetUtcNow();
        if (_state is not { } state || state.Version == _rowsVersion)
        {
            return;
        }

        _rowsVersion = state.Version;
        _deployments = state.Deployments();
        _pods = state.Pods();
        _services = state.Services();
        _events = state.Events();
    }

    public async ValueTask DisposeAsync()
    {
        _throttle?.Dispose();
        await StopAsync();
    }
}
