using Microsoft.Extensions.Logging;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// Pushes approval changes to live views in this process, like <see cref="Jobs.JobUpdatesNotifier"/>: subscribers get an
/// IDisposable, handlers must not block, and a failing subscriber never fails the change.
/// </summary>
public sealed partial class ApprovalUpdatesNotifier(ILogger<ApprovalUpdatesNotifier> logger)
{
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    public IDisposable Subscribe(Func<ApprovalUpdate, Task> handler)
    {
        var subscription = new Subscription(this, handler);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    public void Publish(ApprovalUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            try
            {
                var task = subscription.Handler(update);
                if (!task.IsCompleted)
                {
                    _ = ObserveAsync(task, update.RequestId);
                }
                else if (task.IsFaulted)
                {
                    LogSubscriberFailed(logger, task.Exception.GetBaseException(), update.RequestId);
                }
            }
            catch (Exception ex)
            {
                LogSubscriberFailed(logger, ex, update.RequestId);
            }
        }
    }

    private async Task ObserveAsync(Task task, long requestId)
    {
        try
        {
            await task;
        }
        catch (Exception ex)
        {
            LogSubscriberFailed(logger, ex, requestId);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => !ReferenceEquals(s, subscription))];
        }
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Warning, Message = "A live view failed to handle an update of approval request {RequestId}")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception, long requestId);

    private sealed class Subscription(ApprovalUpdatesNotifier owner, Func<ApprovalUpdate, Task> handler) : IDisposable
    {
        public Func<ApprovalUpdate, Task> Handler { get; } = handler;

        public void Dispose() => owner.Remove(this);
    }
}
