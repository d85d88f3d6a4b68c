using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Jobs;

namespace Portal.Web.State;

/// <summary>
/// Follows one job for a component: re-reads it whenever its state changes (at most twice a second) and hands the new
/// version to the component, never going back from a finished state to an earlier one (reads can overlap). Following
/// another job, or disposing, ends the previous subscription.
/// </summary>
public sealed class JobFollower(JobUpdatesNotifier notifier, IJobQueryService jobs) : IDisposable
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(500);

    private IDisposable? _subscription;
    private RenderThrottle? _throttle;

    /// <summary>The job as last read, or null when nothing is followed.</summary>
    public Job? Current { get; private set; }

    /// <param name="job">The job as the component read it.</param>
    /// <param name="dispatch">The component's InvokeAsync: changes arrive on the notifier's thread.</param>
    /// <param name="changed">Called (through <paramref name="dispatch"/>) with each newer version; typically sets a field and renders.</param>
    /// <param name="failed">The component's DispatchExceptionAsync.</param>
    public void Follow(Job job, Func<Func<Task>, Task> dispatch, Action<Job> changed, Func<Exception, Task> failed)
    {
        ArgumentNullException.ThrowIfNull(job);
        Stop();
        Current = job;
        var throttle = _throttle = new RenderThrottle(s_interval, () => dispatch(() => RefreshAsync(job.Id, changed, failed)));
        _subscription = notifier.Subscribe(job.Id, update =>
        {
            if (update.Event is null or { Kind: JobEventKind.State })
            {
                throttle.Request();
            }

            return Task.CompletedTask;
        });

        // It may have changed between reading it and subscribing.
        throttle.Request();
    }

    /// <summary>Stops following; <see cref="Current"/> becomes null.</summary>
    public void Stop()
    {
        _subscription?.Dispose();
        _subscription = null;
        _throttle?.Dispose();
        _throttle = null;
        Current = null;
    }

    public void Dispose() => Stop();

    private async Task RefreshAsync(long jobId, Action<Job> changed, Func<Exception, Task> failed)
    {
        try
        {
            if (await jobs.GetAsync(jobId) is { } job && Current?.Id == jobId && !(Current.State.IsFinished() && !job.State.IsFinished()))
            {
                Current = job;
                changed(job);
            }
        }
        catch (Exception ex)
        {
            await failed(ex);
        }
    }
}
