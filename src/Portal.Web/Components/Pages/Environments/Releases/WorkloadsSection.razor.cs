using Microsoft.AspNetCore.Components;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Kubernetes.Watching;
using Portal.Provisioning.Releases;
using Portal.Provisioning.Templates;
using Portal.Web.State;
using Portal.Web.State.Cluster;
using Portal.Web.State.Releases;
using Radzen;

namespace Portal.Web.Components.Pages.Environments.Releases;

/// <summary>
/// The environment's workloads with their live rollouts. Watches the cluster's Deployments, ReplicaSets and Pods through
/// the shared hub (the same upstream watches the cluster view uses), reads each workload's latest release, and asks the
/// release service for restarts and rollbacks after a confirmation; the page shows the outcome and reloads.
/// </summary>
public sealed partial class WorkloadsSection
{
    private const ClusterObjectKinds RolloutKinds = ClusterObjectKinds.Deployments | ClusterObjectKinds.ReplicaSets | ClusterObjectKinds.Pods;

    private IReadOnlyList<WorkloadTarget> _targets = [];
    private Dictionary<string, ReleaseSummary> _latest = new(StringComparer.Ordinal);
    private Dictionary<string, IReadOnlyList<ReleaseSummary>> _recentReleases = new(StringComparer.Ordinal);
    private ClusterFeedSession? _live;
    private string? _activeKey;

    [Inject] private EnvironmentClusterAccess ClusterAccess { get; set; } = default!;

    [Inject] private ISharedWatchHub WatchHub { get; set; } = default!;

    [Inject] private IReleaseQueryService ReleaseQueries { get; set; } = default!;

    [Inject] private IReleaseService Releases { get; set; } = default!;

    [Inject] private PodLogReader LogReader { get; set; } = default!;

    [Inject] private CurrentActor Actor { get; set; } = default!;

    [Inject] private DialogService Dialogs { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter, EditorRequired] public EnvironmentRecord Environment { get; set; } = default!;

    [Parameter, EditorRequired] public EnvironmentTemplate Template { get; set; } = default!;

    /// <summary>An operation of the environment is queued or running: the actions wait.</summary>
    [Parameter] public bool Busy { get; set; }

    /// <summary>The outcome of a restart or rollback, for the page to show and reload.</summary>
    [Parameter] public EventCallback<EnvironmentCommandResult> OnCommand { get; set; }

    private ClusterObjectsState? State => _live?.State;

    private bool Synced => State is { } s && s.IsSynced(ClusterObjectKinds.Deployments) && s.IsSynced(ClusterObjectKinds.ReplicaSets)
        && s.IsSynced(ClusterObjectKinds.Pods);

    protected override async Task OnParametersSetAsync()
    {
        ArgumentNullException.ThrowIfNull(Environment);
        ArgumentNullException.ThrowIfNull(Template);
        var key = string.Join('\n', Environment.Id, Template.Name, Environment.OutputsJson, Environment.ParametersJson);
        if (key == _activeKey)
        {
            return;
        }

        _activeKey = key;
        _targets = ReleaseTargets.Of(Template, Environment);
        await LoadLatestAsync();

        // Prerendering is a one-shot HTML pass: watching there would only open watches to close them at once.
        if (RendererInfo.IsInteractive && _targets.Count > 0)
        {
            await RestartFeedAsync();
        }
    }

    /// <summary>Re-reads the workloads' latest releases (the page calls it when a job of the environment changes).</summary>
    public async Task RefreshAsync()
    {
        await LoadLatestAsync();
        StateHasChanged();
    }

    private async Task LoadLatestAsync()
    {
        var latest = await ReleaseQueries.GetLatestPerWorkloadAsync(Environment.Name);
        var recentReleases = new Dictionary<string, IReadOnlyList<ReleaseSummary>>(StringComparer.Ordinal);
        foreach (var release in latest)
        {
            recentReleases[release.Workload] = (await ReleaseQueries.ListAsync(new ReleaseFilter(Environment.Name, release.Workload), 0, RollbackRules.SearchDepth)).Items;
        }

        _latest = latest.ToDictionary(r => r.Workload, StringComparer.Ordinal);
        _recentReleases = recentReleases;
    }

    private string ReleaseUrl(WorkloadTarget target) =>
        $"/environments/{Uri.EscapeDataString(Environment.Name)}/release?workload={Uri.EscapeDataString(target.Workload.Name)}";

    private async Task RestartAsync(WorkloadTarget target, string? image)
    {
        var question = $"Restart {target.Workload.Name}? Its pods are replaced by a rolling update (the kubectl.kubernetes.io/restartedAt annotation)"
            + (image is null ? "." : $"; the image stays {image}.");
        if (await Dialogs.Confirm(question, $"Restart {target.Workload.Name}", new ConfirmOptions { OkButtonText = "Restart", CancelButtonText = "Not now" }) == true)
        {
            await OnCommand.InvokeAsync(await Releases.RestartAsync(Environment.Name, target.Workload.Name, Actor.ToActorContext()));
        }
    }

    // Where Roll back goes, decided with the image the card shows running now (the service decides the same way).
    private string? RollbackImage(WorkloadTarget target, string? runningImage) =>
        _recentReleases.TryGetValue(target.Workload.Name, out var recent) ? ReleaseTargets.RollbackImage(recent, runningImage) : null;

    private async Task RollbackAsync(WorkloadTarget target, string? image, string? current)
    {
        if (image is null)
        {
            return;
        }

        var question = $"Roll {target.Workload.Name} back to {image}? This is a new release of that image, replacing {current ?? "the current image"}, tracked like any release.";
        if (await Dialogs.Confirm(question, $"Roll back {target.Workload.Name}", new ConfirmOptions { OkButtonText = "Roll back", CancelButtonText = "Not now" }) == true)
        {
            await OnCommand.InvokeAsync(await Releases.RollbackAsync(Environment.Name, target.Workload.Name, null, Actor.ToActorContext()));
        }
    }

    private Task<PodLogTail> ReadLogsAsync(PodRow pod, string container) =>
        _live?.Cluster is { } cluster
            ? LogReader.ReadAsync(cluster.Client, pod, container)
            : Task.FromResult(new PodLogTail(pod.Name, container, false, [], "Not connected to the cluster."));

    private Task RestartFeedAsync()
    {
        _live ??= new ClusterFeedSession(WatchHub, RolloutKinds, () => InvokeAsync(StateHasChanged));
        return _live.StartAsync(token => ClusterAccess.ConnectAsync(Environment, token), EnvironmentScope.Namespaces(Template, Environment));
    }

    public ValueTask DisposeAsync() => _live?.DisposeAsync() ?? ValueTask.CompletedTask;
}
