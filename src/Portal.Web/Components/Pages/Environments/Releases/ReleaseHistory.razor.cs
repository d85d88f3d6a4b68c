using Microsoft.AspNetCore.Components;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Releases;
using Portal.Provisioning.Templates;
using Portal.Web.State;
using Radzen;
using Radzen.Blazor;

namespace Portal.Web.Components.Pages.Environments.Releases;

/// <summary>The environment's release records, paged on the server, with a workload filter, rollback per row and a diff of two.</summary>
public sealed partial class ReleaseHistory
{
    private const string AllWorkloads = "All workloads";

    private RadzenDataGrid<ReleaseSummary>? _grid;
    // Null until the first load: Radzen calls LoadData on its first render only while Data is null.
    private PagedResult<ReleaseSummary>? _page;
    private readonly Dictionary<long, ReleaseSummary> _selectedRows = [];
    private IReadOnlyList<string> _workloadChoices = [];
    private string _workload = AllWorkloads;
    private ReleaseDiff? _diff;
    private bool _loading;
    private int _skip;
    private int _take = 10;

    [Inject] private IReleaseQueryService ReleaseQueries { get; set; } = default!;

    [Inject] private IReleaseService Releases { get; set; } = default!;

    [Inject] private CurrentActor Actor { get; set; } = default!;

    [Inject] private DialogService Dialogs { get; set; } = default!;

    [Parameter, EditorRequired] public string EnvironmentName { get; set; } = "";

    /// <summary>The environment's template, when known: the diff's unset parameters name its defaults.</summary>
    [Parameter] public EnvironmentTemplate? Template { get; set; }

    /// <summary>The template's workload names, for the filter.</summary>
    [Parameter] public IReadOnlyList<string> Workloads { get; set; } = [];

    [Parameter] public bool Busy { get; set; }

    /// <summary>The outcome of a rollback, for the page to show and reload.</summary>
    [Parameter] public EventCallback<EnvironmentCommandResult> OnCommand { get; set; }

    protected override void OnParametersSet() => _workloadChoices = [AllWorkloads, .. Workloads];

    /// <summary>Reloads the page being shown (the parent calls it when a job of the environment changes).</summary>
    public async Task RefreshAsync()
    {
        if (_page is null)
        {
            return;
        }

        await ReloadAsync(resetPage: false);
        StateHasChanged();
    }

    /// <summary>The image a rollback to this release runs: a failed release goes back to what ran before it.</summary>
    internal static string? RollbackImage(ReleaseSummary release) =>
        release.Status is ReleaseStatus.Failed or ReleaseStatus.Succeeded ? RollbackRules.TargetImage(release) : null;

    private ReleaseFilter Filter => new(EnvironmentName, _workload == AllWorkloads ? null : _workload);

    private async Task LoadAsync(LoadDataArgs args)
    {
        _skip = args.Skip ?? 0;
        _take = args.Top ?? 10;
        _loading = true;
        try
        {
            _page = await ReleaseQueries.ListAsync(Filter, _skip, _take);
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task ReloadAsync(bool resetPage)
    {
        if (resetPage && _grid is not null)
        {
            await _grid.FirstPage(forceReload: true);
            return;
        }

        _page = await ReleaseQueries.ListAsync(Filter, _skip, _take);
        // A selected release's status moves while it rolls out: compare what it is now.
        foreach (var row in _page.Items.Where(r => _selectedRows.ContainsKey(r.Id)))
        {
            _selectedRows[row.Id] = row;
        }
    }

    private void ToggleSelected(ReleaseSummary release, bool selected)
    {
        if (selected && _selectedRows.Count < 2)
        {
            _selectedRows[release.Id] = release;
        }
        else
        {
            _selectedRows.Remove(release.Id);
        }
    }

    private void Compare()
    {
        if (_selectedRows.Count == 2)
        {
            var pair = _selectedRows.Values.ToList();
            _diff = ReleaseDiffer.Compare(pair[0], pair[1]);
        }
    }

    private async Task RollbackToAsync(ReleaseSummary release, string image)
    {
        var question = $"Roll {release.Workload} back to {image}, the image {(release.Status == ReleaseStatus.Failed ? $"that ran before release #{release.Id}" : $"of release #{release.Id}")}? "
            + "This is a new release of that image, tracked like any release.";
        if (await Dialogs.Confirm(question, $"Roll back {release.Workload}", new ConfirmOptions { OkButtonText = "Roll back", CancelButtonText = "Not now" }) == true)
        {
            await OnCommand.InvokeAsync(await Releases.RollbackAsync(EnvironmentName, release.Workload, release.Id, Actor.ToActorContext()));
        }
    }

    private void OnRowRender(RowRenderEventArgs<ReleaseSummary> args)
    {
        if (args.Data is { } row)
        {
            args.Attributes["data-testid"] = $"release-row-{row.Id}";
            args.Attributes["data-kind"] = row.Kind.ToString();
            args.Attributes["data-status"] = row.Status.ToString();
            if (_selectedRows.ContainsKey(row.Id))
            {
                args.Attributes["aria-selected"] = "true";
            }
        }
    }
}
