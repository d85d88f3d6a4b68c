using Microsoft.AspNetCore.Components;
using Portal.Data.Queries;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Kubernetes.Watching;
using Portal.Provisioning.Templates;
using Portal.Web.State.Cluster;

namespace Portal.Web.Components.Pages.Environments.Live;

/// <summary>
/// Looks the environment up and watches its cluster's pods only, through the same <see cref="ClusterFeedSession"/> as the
/// environment page. While the environment has no cluster yet (it is being provisioned) it looks again every few
/// seconds, and a new <see cref="UpdatedAt"/> makes it look at once.
/// </summary>
public sealed partial class PodsReadySummary
{
    private static readonly TimeSpan s_recheckInterval = TimeSpan.FromSeconds(10);

    private ClusterFeedSession? _session;
    private CancellationTokenSource? _recheck;
    private string? _active;

    [Inject] private IEnvironmentQueryService EnvironmentQueries { get; set; } = default!;

    [Inject] private ITemplateCatalog Templates { get; set; } = default!;

    [Inject] private EnvironmentClusterAccess ClusterAccess { get; set; } = default!;

    [Inject] private ISharedWatchHub WatchHub { get; set; } = default!;

    /// <summary>The environment's name.</summary>
    [Parameter, EditorRequired] public string Environment { get; set; } = "";

    /// <summary>The environment's last change (the dashboard row's UpdatedAt): new outputs may mean a new cluster.</summary>
    [Parameter] public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Ready of total pods, once the pod list has synced.</summary>
    private PodReadiness? Readiness => _session?.State is { } state && state.IsSynced(ClusterObjectKinds.Pods) ? state.PodReadiness() : null;

    /// <summary>Why there is no count: the connection failed; null while there is simply no cluster.</summary>
    private string? Problem => _session?.ConnectError;

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Environment}|{UpdatedAt:O}";
        if (!RendererInfo.IsInteractive || key == _active)
        {
            return;
        }

        _active = key;
        await StopRecheckAsync();
        _session ??= new ClusterFeedSession(WatchHub, ClusterObjectKinds.Pods, () => InvokeAsync(StateHasChanged));
        if (!await TryWatchAsync())
        {
            _recheck = new CancellationTokenSource();
            _ = RecheckAsync(_recheck.Token);
        }
    }

    /// <summary>True when there is nothing more to look for: the pods are watched, or the connection failed.</summary>
    private async Task<bool> TryWatchAsync()
    {
        if (await EnvironmentQueries.FindAsync(Environment) is not { } environment || Templates.Find(environment.TemplateName) is not { } template)
        {
            await _session!.StopAsync();
            return false;
        }

        await _session!.StartAsync(token => ClusterAccess.ConnectAsync(environment, token), EnvironmentScope.Namespaces(template, environment), maxEvents: 1);
        return !_session.NoCluster;
    }

    private async Task RecheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(s_recheckInterval);
            var done = false;
            while (!done && await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(async () =>
                {
                    done = cancellationToken.IsCancellationRequested || await TryWatchAsync();
                    StateHasChanged();
                });
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

    private async Task StopRecheckAsync()
    {
        if (_recheck is { } recheck)
        {
            _recheck = null;
            await recheck.CancelAsync();
            recheck.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopRecheckAsync();
        if (_session is { } session)
        {
            await session.DisposeAsync();
        }
    }
}
