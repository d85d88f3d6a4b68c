using Microsoft.AspNetCore.Components;
using Portal.Data.Queries;
using Portal.Provisioning.Access;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Pulumi;
using Portal.Provisioning.Templates;

namespace Portal.Web.Components.Pages.Approvals;

/// <summary>One request: who asked, what changes, the decisions; live as the plan job and the deciders act.</summary>
public sealed partial class ApprovalRequestPage : IDisposable
{
    private ApprovalDetail? _detail;
    // The environment's template, for what the plan's unset parameters fall back to; null when it is not loaded.
    private EnvironmentTemplate? _template;
    private bool _loaded;
    private int _loads;
    private IDisposable? _subscription;
    private PeriodicTimer? _countdown;

    [Parameter] public long Id { get; set; }

    [Inject] private IApprovalService Approvals { get; set; } = default!;

    [Inject] private ApprovalUpdatesNotifier Notifier { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private IEnvironmentQueryService EnvironmentQueries { get; set; } = default!;

    [Inject] private ITemplateCatalog Catalog { get; set; } = default!;

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _subscription = Notifier.Subscribe(update => update.RequestId == Id ? InvokeAsync(LoadAsync) : Task.CompletedTask);
            _ = TickAsync();
            // The plan job may have finished between the first read and subscribing (it runs as the page opens).
            _ = InvokeAsync(async () =>
            {
                try
                {
                    await LoadAsync();
                }
                catch (Exception ex)
                {
                    await DispatchExceptionAsync(ex);
                }
            });
        }
    }

    private async Task LoadAsync()
    {
        // Reads may overlap (the first one and one after subscribing): only the newest is shown.
        var load = ++_loads;
        var detail = await Approvals.GetAsync(Id);
        if (load != _loads)
        {
            return;
        }

        if (_template is null && detail is not null && await EnvironmentQueries.FindAsync(detail.Summary.EnvironmentName) is { } environment)
        {
            _template = Catalog.Find(environment.TemplateName);
            if (load != _loads)
            {
                return;
            }
        }

        _detail = detail;
        _loaded = true;
        StateHasChanged();
    }

    /// <summary>Keeps the expiry countdown current, once a minute.</summary>
    private async Task TickAsync()
    {
        _countdown = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try
        {
            while (await _countdown.WaitForNextTickAsync())
            {
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (ObjectDisposedException)
        {
            // The page closed.
        }
    }

    private string Countdown(DateTimeOffset expiresAt)
    {
        var left = expiresAt - Clock.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            return "expired";
        }

        return left.TotalHours >= 1 ? $"in {(int)left.TotalHours} h {left.Minutes} min" : $"in {Math.Max(1, left.Minutes)} min";
    }

    private static string RoleText(PortalRoles roles) => roles.ToString().Replace(", ", " or ", StringComparison.Ordinal);

    /// <summary>The plan in the shape of a settings preview, so the same view shows it (destructive rows in red).</summary>
    private static PreviewJobResult AsPreview(ApprovalPlan plan) => new(
        plan.ParameterChanges,
        plan.ChangeSummary,
        [.. plan.Operations.Select(o => new PreviewStep(o.Operation, o.Urn, o.Type, o.ChangedKeys, o.ReplaceKeys))],
        plan.Operations.Count > 0);

    public void Dispose()
    {
        _subscription?.Dispose();
        _countdown?.Dispose();
    }
}
