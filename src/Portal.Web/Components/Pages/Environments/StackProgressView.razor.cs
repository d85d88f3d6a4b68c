using Microsoft.AspNetCore.Components;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Pulumi;
using Portal.Web.State;
using Radzen;

namespace Portal.Web.Components.Pages.Environments;

/// <summary>
/// Folds a job's progress events into a <see cref="StackProgressTracker"/>: the stored events first, then live ones from
/// <see cref="JobUpdatesNotifier"/>, rendered at most about five times a second. The elapsed time ticks while the job runs.
/// </summary>
public sealed partial class StackProgressView : IDisposable
{
    private const int PageSize = 500;
    private readonly StackProgressTracker _tracker = new();
    private readonly Lock _gate = new();
    private readonly List<JobEvent> _pending = [];
    private StackProgressSnapshot _snapshot = new StackProgressTracker().Snapshot();
    private LoadBalancerDrainProgress? _drain;
    private IDisposable? _subscription;
    private RenderThrottle? _throttle;
    private PeriodicTimer? _ticker;
    private CancellationTokenSource? _stop;
    private int _lastSequence;

    [Inject] private IJobQueryService JobQueries { get; set; } = default!;

    [Inject] private JobUpdatesNotifier Notifier { get; set; } = default!;

    /// <summary>The job to follow; re-key the component (<c>@key</c>) to follow another.</summary>
    [Parameter, EditorRequired] public Job Job { get; set; } = default!;

    // A drift check's ops describe the cloud (a "delete" is a resource gone from it), and read that way.
    private bool IsDriftCheck => Job.Kind == EnvironmentJobKinds.DriftCheck;

    private TimeSpan? Elapsed => Job.StartedAt is { } started ? (Job.FinishedAt ?? DateTimeOffset.UtcNow) - started : null;

    protected override async Task OnInitializedAsync()
    {
        _throttle = new RenderThrottle(TimeSpan.FromMilliseconds(200), () => InvokeAsync(FlushAsync));

        // Subscribe before reading the stored events so none written in between is missed; duplicates drop by sequence.
        _subscription = Notifier.Subscribe(Job.Id, update =>
        {
            if (update.Event is { Kind: JobEventKind.Progress } e)
            {
                lock (_gate)
                {
                    _pending.Add(e);
                }

                _throttle.Request();
            }

            return Task.CompletedTask;
        });

        await ReadStoredAsync(int.MaxValue);
        _snapshot = _tracker.Snapshot();
        if (!Job.State.IsFinished())
        {
            _stop = new CancellationTokenSource();
            _ticker = new PeriodicTimer(TimeSpan.FromSeconds(1));
            _ = TickAsync(_ticker, _stop.Token);
        }
    }

    private async Task TickAsync(PeriodicTimer ticker, CancellationToken cancellationToken)
    {
        try
        {
            while (await ticker.WaitForNextTickAsync(cancellationToken) && !Job.State.IsFinished())
            {
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        catch (ObjectDisposedException)
        {
            // Disposed.
        }
    }

    private async Task ReadStoredAsync(int beforeSequence)
    {
        while (_lastSequence + 1 < beforeSequence)
        {
            var events = await JobQueries.GetEventsAsync(Job.Id, _lastSequence, Math.Min(PageSize, beforeSequence - _lastSequence - 1));
            foreach (var e in events)
            {
                Apply(e);
            }

            if (events.Count < PageSize || events.Count == 0)
            {
                break;
            }
        }
    }

    private async Task FlushAsync()
    {
        List<JobEvent> batch;
        lock (_gate)
        {
            batch = [.. _pending.OrderBy(e => e.Sequence)];
            _pending.Clear();
        }

        if (batch.Count == 0)
        {
            return;
        }

        // Log lines are not pushed here, so a gap is normal; it is read from the database only when a progress event
        // may be in it (live events arrive in order, so only before the first one seen).
        if (_lastSequence == 0 && batch[0].Sequence > 1)
        {
            await ReadStoredAsync(batch[0].Sequence);
        }

        foreach (var e in batch)
        {
            Apply(e);
        }

        _snapshot = _tracker.Snapshot();
        StateHasChanged();
    }

    private void Apply(JobEvent e)
    {
        if (e.Sequence <= _lastSequence)
        {
            return;
        }

        _lastSequence = e.Sequence;
        if (JobProgressEvents.ReadStackProgress(e) is { } progress)
        {
            _tracker.Apply(progress);
        }
        else if (JobProgressEvents.ReadDrainProgress(e) is { } drain)
        {
            _drain = drain;
        }
    }

    // The engine stamps events in whole seconds, so a quick step reads "< 1 s" rather than a made-up "0 ms".
    private string ResourceDuration(ResourceStatus r)
    {
        var end = r.FinishedAt ?? (r.State == ResourceStepState.Running && !Job.State.IsFinished() ? DateTimeOffset.UtcNow : (DateTimeOffset?)null);
        return end is not { } e ? "—" : e - r.StartedAt < TimeSpan.FromSeconds(1) && r.FinishedAt is not null ? "< 1 s" : Durations.Format(e - r.StartedAt);
    }

    private static string DrainText(LoadBalancerDrainProgress drain) => drain.Phase switch
    {
        "deleting" => $"Deleting {drain.Remaining.Count} LoadBalancer Service(s) and Ingress(es) before pulumi destroy…",
        "waiting" => $"Waiting for {drain.Remaining.Count} load balancer(s) to be gone ({drain.ElapsedSeconds:0} s so far)…",
        "drained" => $"Load balancers drained in {drain.ElapsedSeconds:0.#} s.",
        _ => drain.Phase,
    };

    // A step still running when the job ended was cut short (a failure elsewhere, a cancel or a crash).
    private string StateKey(ResourceStatus r) => r.State switch
    {
        ResourceStepState.Done => "done",
        ResourceStepState.Failed => "failed",
        _ when Job.State.IsFinished() => "stopped",
        _ => "running",
    };

    private static string StateIcon(string state) => state switch
    {
        "done" => "check_circle",
        "failed" => "error",
        "stopped" => "pause_circle",
        _ => "autorenew",
    };

    private static string StateLabel(string state) => state switch
    {
        "done" => "Done",
        "failed" => "Failed",
        "stopped" => "Not finished",
        _ => "Running",
    };

    public void Dispose()
    {
        _subscription?.Dispose();
        _throttle?.Dispose();
        _stop?.Cancel();
        _stop?.Dispose();
        _ticker?.Dispose();
    }
}
