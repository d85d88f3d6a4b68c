using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Releases;
using Portal.Provisioning.Templates;
using Portal.Web.State;
using Portal.Web.State.Releases;

namespace Portal.Web.Components.Pages.Environments.Releases;

/// <summary>
/// Release a new image to one workload: the image checked as it is typed, a preview (the Pulumi diff of a queued preview
/// job for a <c>pulumi-config</c> workload, the running and the new image for a direct patch), then the release, after
/// which the environment page shows the rollout.
/// </summary>
public sealed partial class ReleasePage : IDisposable
{
    private const int RecentImageCount = 6;
    private static readonly IReadOnlyDictionary<string, string[]> s_noErrors = new Dictionary<string, string[]>();

    private EnvironmentRecord? _environment;
    private IReadOnlyList<WorkloadTarget> _targets = [];
    private IReadOnlyList<string> _recentImages = [];
    private IReadOnlyDictionary<string, string[]> _errors = s_noErrors;
    private string? _workload;
    private string? _image;
    private string? _imageError;
    private ReleasePreviewResult? _preview;
    private Job? _previewJob;
    private string? _message;
    private bool _notFound;
    private bool _sending;

    [Inject] private IEnvironmentQueryService EnvironmentQueries { get; set; } = default!;

    [Inject] private IReleaseQueryService ReleaseQueries { get; set; } = default!;

    private JobFollower? _previewFollower;

    [Inject] private IJobQueryService JobQueries { get; set; } = default!;

    [Inject] private ITemplateCatalog Catalog { get; set; } = default!;

    [Inject] private IReleaseService Releases { get; set; } = default!;

    [Inject] private JobUpdatesNotifier Notifier { get; set; } = default!;

    // Made here rather than injected: a transient IDisposable from the container would live as long as the circuit.
    private JobFollower PreviewJob => _previewFollower ??= new JobFollower(Notifier, JobQueries);

    [Inject] private CurrentActor Actor { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private Portal.Provisioning.Approvals.IApprovalService Approvals { get; set; } = default!;

    [Parameter] public string Name { get; set; } = "";

    [SupplyParameterFromQuery(Name = "workload")] public string? WorkloadQuery { get; set; }

    [SupplyParameterFromQuery(Name = "image")] public string? ImageQuery { get; set; }

    private string EnvironmentUrl => $"/environments/{Uri.EscapeDataString(Name)}";

    private WorkloadTarget? Target => _targets.FirstOrDefault(t => t.Workload.Name == _workload);

    /// <summary>The preview is shown and says what would happen: a patch's images, or a finished Pulumi preview.</summary>
    private bool CanRelease => _preview is { Command.Status: EnvironmentCommandStatus.Accepted } && (_previewJob is null || _previewJob.State == JobState.Succeeded);

    protected override async Task OnInitializedAsync()
    {
        _environment = await EnvironmentQueries.FindAsync(Name);
        _notFound = _environment is null;
        if (_environment is null || Catalog.Find(_environment.TemplateName) is not { } template)
        {
            return;
        }

        _targets = ReleaseTargets.Of(template, _environment);
        _workload = _targets.FirstOrDefault(t => t.Workload.Name == WorkloadQuery)?.Workload.Name ?? (_targets.Count > 0 ? _targets[0].Workload.Name : null);
        await LoadWorkloadAsync(ImageQuery);
    }

    private string[] ErrorsFor(string field)
    {
        var service = _errors.GetValueOrDefault(field) ?? [];
        return field == "image" && _imageError is { } live && !service.Contains(live) ? [live, .. service] : service;
    }

    private async Task WorkloadChanged(string? workload)
    {
        _workload = workload;
        ClearPreview();
        await LoadWorkloadAsync(null);
    }

    private void ImageChanged(string? image)
    {
        _image = image;
        // As the user types: the grammar's reason at the field; the service's errors were about the previous value.
        _imageError = string.IsNullOrEmpty(image) ? null : ImageReference.Validate(image);
        _errors = s_noErrors;
        _message = null;
        ClearPreview();
    }

    // The workload's recent images to pick from, and a starting value: the image asked for, else the one last released or configured.
    private async Task LoadWorkloadAsync(string? image)
    {
        if (Target is not { } target)
        {
            return;
        }

        var history = await ReleaseQueries.ListAsync(new ReleaseFilter(Name, target.Workload.Name), 0, 30);
        _recentImages = [.. history.Items.Where(r => r.Kind != ReleaseKind.Restart && r.ImageAfter is not null).Select(r => r.ImageAfter!).Distinct(StringComparer.Ordinal).Take(RecentImageCount)];
        var configured = target.ImageParameter is { Secret: false } parameter
            && EnvironmentParameters.Read(_environment!).GetValueOrDefault(parameter.Name) is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : null;
        ImageChanged(image ?? (_recentImages.Count > 0 ? _recentImages[0] : configured));
    }

    private async Task PreviewAsync()
    {
        if (_sending || Target is null)
        {
            return;
        }

        _imageError = ImageReference.Validate(_image);
        if (_imageError is not null)
        {
            return;
        }

        _sending = true;
        _message = null;
        ClearPreview();
        try
        {
            var preview = await Releases.PreviewAsync(new ReleaseCommand(Name, _workload, _image?.Trim()), Actor.ToActorContext());
            if (preview.Command.Status != EnvironmentCommandStatus.Accepted)
            {
                ShowProblem(preview.Command);
                return;
            }

            // The job is read before the preview is shown: a preview without its job would offer Release until it is followed.
            var job = preview.Command.JobId is { } jobId ? await JobQueries.GetAsync(jobId) : null;
            _preview = preview;
            if (job is not null)
            {
                Follow(job);
            }
        }
        finally
        {
            _sending = false;
        }
    }

    private async Task ReleaseAsync()
    {
        if (_sending || !CanRelease)
        {
            return;
        }

        _sending = true;
        try
        {
            var result = await Releases.ReleaseAsync(new ReleaseCommand(Name, _workload, _image?.Trim()), Actor.ToActorContext());
            if (result.Status == EnvironmentCommandStatus.Accepted)
            {
                Navigation.NavigateTo(EnvironmentUrl);
                return;
            }

            if (result is { Status: EnvironmentCommandStatus.AwaitingApproval, ApprovalRequestId: { } approvalId })
            {
                // Protected: show the request that waits for approval.
                Navigation.NavigateTo($"/approvals/{approvalId}");
                return;
            }

            ShowProblem(result);
        }
        finally
        {
            _sending = false;
        }
    }

    private void ShowProblem(EnvironmentCommandResult result)
    {
        _errors = result.Status == EnvironmentCommandStatus.Invalid ? result.Errors : s_noErrors;
        var unplaced = _errors.Where(e => e.Key is not ("image" or "workload") || (e.Key == "workload" && _targets.Count <= 1)).SelectMany(e => e.Value).ToList();
        _message = result.Status == EnvironmentCommandStatus.Invalid
            ? unplaced.Count > 0 ? string.Join(" ", unplaced) : null
            : result.Message;
    }

    private void ClearPreview()
    {
        PreviewJob.Stop();
        _preview = null;
        _previewJob = null;
    }

    // Shows the preview job and re-reads it whenever its state changes.
    private void Follow(Job job)
    {
        _previewJob = job;
        PreviewJob.Follow(job, InvokeAsync, newer =>
        {
            _previewJob = newer;
            StateHasChanged();
        }, DispatchExceptionAsync);
    }

    public void Dispose() => ClearPreview();
}
