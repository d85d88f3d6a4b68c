using Microsoft.AspNetCore.Components;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Templates;
using Portal.Web.Components.Pages.Environments.Releases;
using Portal.Web.State;
using Radzen;

namespace Portal.Web.Components.Pages.Environments;

/// <summary>
/// One environment: status, actions, the current operation's live progress, outputs, parameters, workloads with their
/// live rollouts, cluster, releases and history.
/// Any state change of one of its jobs reloads the page's state, at most twice a second.
/// </summary>
public sealed partial class EnvironmentPage : IDisposable
{
    private EnvironmentRecord? _environment;
    private EnvironmentTemplate? _template;
    // The newest operation that is not a recovery action: after "Cancel stack lock" succeeds, the interrupted
    // provision it prepared for must still be offered for retry.
    private JobSummary? _lastOperation;
    private JobSummary? _running;
    private IReadOnlyList<JobSummary> _queued = [];
    private Job? _current;
    private EnvironmentHistory? _history;
    private WorkloadsSection? _workloads;
    private ReleaseHistory? _releases;
    private IDisposable? _subscription;
    private RenderThrottle? _throttle;
    private string? _commandError;
    private bool _notFound;
    private bool _archived;
    private bool _sending;
    private int _loadGeneration;

    [Inject] private IEnvironmentQueryService EnvironmentQueries { get; set; } = default!;

    [Inject] private IJobQueryService JobQueries { get; set; } = default!;

    [Inject] private ITemplateCatalog Catalog { get; set; } = default!;

    [Inject] private IEnvironmentService Environments { get; set; } = default!;

    [Inject] private JobUpdatesNotifier Notifier { get; set; } = default!;

    [Inject] private CurrentActor Actor { get; set; } = default!;

    [Inject] private DialogService Dialogs { get; set; } = default!;

    [Inject] private NotificationService Notifications { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IApprovalService Approvals { get; set; } = default!;

    [Parameter] public string Name { get; set; } = "";

    /// <summary>A job of the environment is queued or running: actions wait until it is done.</summary>
    private bool Busy => _running is not null || _queued.Count > 0;

    protected override async Task OnParametersSetAsync()
    {
        if (_environment is not null && _environment.Name != Name)
        {
            _environment = null;
            _archived = false;
        }

        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _throttle = new RenderThrottle(TimeSpan.FromMilliseconds(500), () => InvokeAsync(ReloadAsync));
        _subscription = Notifier.Subscribe(null, update =>
        {
            if (_environment is { } environment && update.EnvironmentId == environment.Id && update.Event is null or { Kind: JobEventKind.State })
            {
                _throttle.Request();
            }

            return Task.CompletedTask;
        });

        // A job may have changed between the first load and the subscription.
        _throttle.Request();
    }

    private async Task ReloadAsync()
    {
        try
        {
            await LoadAsync();
            await RefreshListsAsync();
            StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task LoadAsync()
    {
        // Reloads can overlap (a state change arrives while one is reading): only the newest one's results are kept.
        var generation = ++_loadGeneration;
        var environment = await EnvironmentQueries.FindAsync(Name);
        var jobs = new JobFilter { EnvironmentName = Name };
        var recent = await JobQueries.ListAsync(jobs, 0, 20);
        var latest = FirstOrNull(recent);
        var lastOperation = recent.Items.FirstOrDefault(j => j.Kind is not (EnvironmentJobKinds.Unlock or EnvironmentJobKinds.ClearPending));
        var running = FirstOrNull(await JobQueries.ListAsync(jobs with { State = JobState.Running }, 0, 1));
        var queued = await JobQueries.ListAsync(jobs with { State = JobState.Queued }, 0, 20);
        var current = (running ?? latest) is { } shown ? await JobQueries.GetAsync(shown.Id) : null;
        if (generation != _loadGeneration)
        {
            return;
        }

        if (environment is null)
        {
            // Destroyed while we watched: keep showing what it was, with its history.
            _archived = _environment is not null;
            _notFound = !_archived;
        }
        else
        {
            _environment = environment;
            _template = Catalog.Find(environment.TemplateName);
        }

        _lastOperation = lastOperation;
        _running = running;
        _queued = [.. queued.Items.Reverse()];
        _current = current;
    }

    private async Task CheckDriftAsync()
    {
        _sending = true;
        try
        {
            await HandleCommandAsync(await Environments.CheckDriftAsync(Name, Actor.ToActorContext()));
        }
        finally
        {
            _sending = false;
        }
    }

    private async Task DestroyAsync()
    {
        var confirmed = await Dialogs.OpenAsync<DestroyDialog>($"Destroy {Name}?",
            new Dictionary<string, object?> { [nameof(DestroyDialog.EnvironmentName)] = Name, [nameof(DestroyDialog.Protected)] = _environment is { } e && Approvals.RequiresApproval(e.Class) },
            new DialogOptions { Width = "min(36rem, 95vw)", CloseDialogOnEsc = true });
        if (confirmed is true)
        {
            await HandleCommandAsync(await Environments.DestroyAsync(Name, Actor.ToActorContext()));
        }
    }

    private async Task HandleCommandAsync(EnvironmentCommandResult result)
    {
        if (result is { Status: EnvironmentCommandStatus.AwaitingApproval, ApprovalRequestId: { } approvalId })
        {
            // A protected environment: show the request that now waits, not a job.
            Navigation.NavigateTo($"/approvals/{approvalId}");
            return;
        }

        if (result.Status == EnvironmentCommandStatus.Accepted)
        {
            _commandError = null;
            Notifications.Notify(NotificationSeverity.Info, "Queued", $"Job #{result.JobId} is queued.", 3000);
        }
        else
        {
            _commandError = result.Message ?? string.Join(" ", result.Errors.SelectMany(e => e.Value));
        }

        await LoadAsync();
        await RefreshListsAsync();
    }

    // The job history, the release history and each workload's last release follow the environment's jobs.
    private async Task RefreshListsAsync()
    {
        if (_history is not null)
        {
            await _history.RefreshAsync();
        }

        if (_releases is not null)
        {
            await _releases.RefreshAsync();
        }

        if (_workloads is not null)
        {
            await _workloads.RefreshAsync();
        }
    }

    private static JobSummary? FirstOrNull(PagedResult<JobSummary> page) => page.Items.Count > 0 ? page.Items[0] : null;

    public void Dispose()
    {
        _subscription?.Dispose();
        _throttle?.Dispose();
    }
}
