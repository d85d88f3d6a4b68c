using Microsoft.Extensions.Logging;

namespace Portal.Provisioning.Jobs;

/// <summary>
/// Pushes job state changes and events to live views in this process. Subscribers get an IDisposable; a Blazor
/// component disposes it with the circuit. Handlers run on the publisher's thread and must not block: components
/// hand the update to InvokeAsync and return. A failing subscriber never fails the job.
/// </summary>
public sealed partial class JobUpdatesNotifier(ILogger<JobUpdatesNotifier> logger)
{
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    /// <summary>Every update of <paramref name="jobId"/>, or of every job when null.</summary>
    public IDisposable Subscribe(long? jobId, Func<JobUpdate, Task> handler)
    {
        var subscription = new Subscription(this, jobId, handler);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    public void Publish(JobUpdate update)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.JobId is { } id && id != update.JobId)
            {
                continue;
            }

            try
            {
                var task = subscription.Handler(update);
                if (!task.IsCompleted)
                {
                    _ = ObserveAsync(task);
                }
                else if (task.IsFaulted)
                {
                    LogSubscriberFailed(logger, task.Exception.GetBaseException(), update.JobId);
                }
            }
            catch (Exception ex)
            {
                LogSubscriberFailed(logger, ex, update.JobId);
            }
        }
    }

    private async Task ObserveAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex)
        {
            LogSubscriberFailed(logger, ex, 0);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => !ReferenceEquals(s, subscription))];
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "A live view failed to handle an update of job {JobId}")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception, long jobId);

    private sealed class Subscription(JobUpdatesNotifier owner, long? jobId, Func<JobUpdate, Task> handler) : IDisposable
    {
        public long? JobId { get; } = jobId;

        public Func<JobUpdate, Task> Handler { get; } = handler;

        public void Dispose() => owner.Remove(this);
    }
}
