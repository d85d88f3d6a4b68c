using Microsoft.AspNetCore.Components;
using Portal.Data.Queries;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Kubernetes.Watching;
using Portal.Provisioning.Templates;
using Portal.Web.State;
using Portal.Web.State.Cluster;

namespace Portal.Web.Components.Pages.Environments.Live;

/// <summary>
/// Looks the environment up, connects to its cluster and watches its pods only. While the environment has no cluster yet
/// (it is being provisioned) it looks again every few seconds, and a new <see cref="UpdatedAt"/> makes it look at once.
/// </summary>
public sealed partial class PodsReadySummary
{
    private static readonly TimeSpan s_renderInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_recheckInterval = TimeSpan.FromSeconds(10);

    private RenderThrottle? _throttle;
    private CancellationTokenSource? _lifetime;
    private ClusterWatchFeed? _feed;
    private PodReadiness? _readiness;
    private string? _problem;
    private string? _active;

    [Inject] private IEnvironmentQueryService EnvironmentQueries { get; set; } = default!;

    [Inject] private ITemplateCatalog Templates { get; set; } = default!;

    [Inject] private EnvironmentClusterAccess ClusterAccess { get; set; } = default!;

    [Inject] private ISharedWatchHub WatchHub { get; set; } = default!;

    /// <summary>The environment's name.</summary>
    [Parameter, EditorRequired] public string Environment { get; set; } = "";

    /// <summary>The environment's last change (the dashboard row's UpdatedAt): new outputs may mean a new cluster.</summary>
    [Parameter] public DateTimeOffset? UpdatedAt { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Environment}|{UpdatedAt:O}";
        if (!RendererInfo.IsInteractive || key == _active)
        {
            return;
        }

        _active = key;
        await StopAsync();
        _throttle ??= new RenderThrottle(s_renderInterval, () => InvokeAsync(() =>
        {
            if (_feed?.State is { } state && state.IsSynced(ClusterObjectKinds.Pods))
            {
                _readiness = state.PodReadiness();
            }

            StateHasChanged();
        }));
        _lifetime = new CancellationTokenSource();
        if (!await TryConnectAsync(_lifetime.Token) && _problem is null)
        {
            _ = RecheckAsync(_lifetime.Token);
        }
    }

    /// <summary>True once a feed runs; false when the environment has no cluster (yet) or it cannot be used (<see cref="_problem"/>).</summary>
    private async Task<bool> TryConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await EnvironmentQueries.FindAsync(Environment, cancellationToken) is not { } environment
                || Templates.Find(environment.TemplateName) is not { } template
                || await ClusterAccess.ConnectAsync(environment, cancellationToken) is not { } cluster
                || cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            var state = new ClusterObjectsState(EnvironmentScope.Namespaces(template, environment), maxEvents: 1);
            _feed = new ClusterWatchFeed(WatchHub, cluster, state, ClusterObjectKinds.Pods, _throttle!.Request);
            _feed.Start();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _problem = ClusterWatchFeed.Describe(ex);
            return false;
        }
    }

    private async Task RecheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(s_recheckInterval);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var done = false;
                await InvokeAsync(async () =>
                {
                    done = cancellationToken.IsCancellationRequested || await TryConnectAsync(cancellationToken) || _problem is not null;
                    StateHasChanged();
                });
                if (done)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the row went away or its parameters changed
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task StopAsync()
    {
        _readiness = null;
        _problem = null;
        if (_lifetime is { } lifetime)
        {
            _lifetime = null;
            await lifetime.CancelAsync();
            lifetime.Dispose();
        }

        if (_feed is { } feed)
        {
            _feed = null;
            await feed.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _throttle?.Dispose();
        await StopAsync();
    }
}
