using Microsoft.AspNetCore.Components;
using Portal.Data.Entities;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Kubernetes.Watching;
using Portal.Provisioning.Templates;
using Portal.Web.State.Cluster;

namespace Portal.Web.Components.Pages.Environments.Live;

/// <summary>
/// Connects to the environment's cluster (its kubeconfig output) and shows its objects live. The watches start only in
/// the interactive circuit (not while prerendering), restart when the environment's outputs or parameters change (a new
/// kubeconfig, other namespaces), and stop when the component goes away; <see cref="ClusterFeedSession"/> owns that
/// lifecycle and throttles renders to about four a second.
/// </summary>
public sealed partial class ClusterView
{
    private static readonly TimeSpan s_probeInterval = TimeSpan.FromSeconds(15);
    private const ClusterObjectKinds ViewedKinds = ClusterObjectKinds.Deployments | ClusterObjectKinds.Pods | ClusterObjectKinds.Services | ClusterObjectKinds.Events;

    private ClusterFeedSession? _live;
    private string? _activeKey;
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

    private ClusterObjectsState? State => _live?.State;

    private bool Synced => State is { } s && s.IsSynced(ClusterObjectKinds.Deployments) && s.IsSynced(ClusterObjectKinds.Pods)
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

    private Task RestartAsync()
    {
        _rowsVersion = -1;
        _live ??= new ClusterFeedSession(WatchHub, ViewedKinds, () => InvokeAsync(StateHasChanged)) { ReachabilityProbeInterval = s_probeInterval };
        return _live.StartAsync(token => ClusterAccess.ConnectAsync(Environment, token), EnvironmentScope.Namespaces(Template, Environment));
    }

    /// <summary>Rebuilds the rows only when the state moved, so the grids keep their page between unrelated renders.</summary>
    private void RefreshRows()
    {
        _now = Time.GetUtcNow();
        if (State is not { } state || state.Version == _rowsVersion)
        {
            return;
        }

        _rowsVersion = state.Version;
        _deployments = state.Deployments();
        _pods = state.Pods();
        _services = state.Services();
        _events = state.Events();
    }

    public ValueTask DisposeAsync() => _live?.DisposeAsync() ?? ValueTask.CompletedTask;
}
