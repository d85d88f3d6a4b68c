using Microsoft.AspNetCore.Components;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Templates;
using Portal.Web.State;

namespace Portal.Web.Components.Pages.Environments;

/// <summary>Change settings: the generated form prefilled with the stored values, a preview job shown live with its
/// diff, then an update that applies exactly that preview.</summary>
public sealed partial class EnvironmentSettings : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string[]> s_noErrors = new Dictionary<string, string[]>();
    private EnvironmentRecord? _environment;
    private ParameterFormModel? _model;
    private IReadOnlyList<string> _clusters = [];
    private IReadOnlyDictionary<string, string[]> _errors = s_noErrors;
    private Job? _preview;
    private string? _message;
    private bool _notFound;
    private bool _sending;
    private bool _protected;

    [Inject] private IEnvironmentQueryService EnvironmentQueries { get; set; } = default!;

    private JobFollower? _previewFollower;

    [Inject] private IJobQueryService JobQueries { get; set; } = default!;

    [Inject] private ITemplateCatalog Catalog { get; set; } = default!;

    [Inject] private IEnvironmentService Environments { get; set; } = default!;

    [Inject] private JobUpdatesNotifier Notifier { get; set; } = default!;

    // Made here rather than injected: a transient IDisposable from the container would live as long as the circuit.
    private JobFollower PreviewJob => _previewFollower ??= new JobFollower(Notifier, JobQueries);

    [Inject] private CurrentActor Actor { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IApprovalService Approvals { get; set; } = default!;

    [Parameter] public string Name { get; set; } = "";

    /// <summary>A preview job to show again (the environment page links here from a finished preview).</summary>
    [SupplyParameterFromQuery(Name = "preview")] public long? PreviewJobId { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _environment = await EnvironmentQueries.FindAsync(Name);
        _notFound = _environment is null;
        if (_environment is null)
        {
            return;
        }

        _protected = Approvals.RequiresApproval(_environment.Class);
        if (Catalog.Find(_environment.TemplateName) is { } template)
        {
            _model = ParameterFormModel.ForUpdate(template, EnvironmentParameters.Read(_environment));
        }

        _clusters = await ClusterChoices.ListAsync(EnvironmentQueries, Catalog);
        if (PreviewJobId is { } id && await JobQueries.GetAsync(id) is { Kind: EnvironmentJobKinds.Preview } job && job.EnvironmentId == _environment.Id)
        {
            Follow(job);
        }
    }

    private async Task PreviewAsync()
    {
        if (_model is null || _sending)
        {
            return;
        }

        _sending = true;
        _message = null;
        try
        {
            var result = await Environments.PreviewChangesAsync(Name, _model.ToJson(), Actor.ToActorContext());
            _errors = result.Status == EnvironmentCommandStatus.Invalid ? result.Errors : s_noErrors;
            if (result is { Status: EnvironmentCommandStatus.Accepted, JobId: { } jobId } && await JobQueries.GetAsync(jobId) is { } job)
            {
                Follow(job);
            }
            else
            {
                _message = result.Status == EnvironmentCommandStatus.Invalid ? $"Please correct the {result.Errors.Count} highlighted field(s)." : result.Message;
            }
        }
        finally
        {
            _sending = false;
        }
    }

    private async Task ApplyAsync()
    {
        if (_preview is null || _sending)
        {
            return;
        }

        _sending = true;
        try
        {
            var result = await Environments.ApplyPreviewAsync(Name, _preview.Id, Actor.ToActorContext());
            if (result.Status == EnvironmentCommandStatus.Accepted)
            {
                Navigation.NavigateTo($"/environments/{Uri.EscapeDataString(Name)}");
                return;
            }

            if (result is { Status: EnvironmentCommandStatus.AwaitingApproval, ApprovalRequestId: { } approvalId })
            {
                // Protected: the request waits for approval; show it.
                Navigation.NavigateTo($"/approvals/{approvalId}");
                return;
            }

            _message = result.Message ?? string.Join(" ", result.Errors.SelectMany(e => e.Value));
        }
        finally
        {
            _sending = false;
        }
    }

    // Shows a preview job and re-reads it whenever its state changes.
    private void Follow(Job job)
    {
        _preview = job;
        PreviewJob.Follow(job, InvokeAsync, newer =>
        {
            _preview = newer;
            StateHasChanged();
        }, DispatchExceptionAsync);
    }

    public void Dispose() => PreviewJob.Dispose();
}
