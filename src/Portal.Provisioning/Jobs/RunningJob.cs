namespace Portal.Provisioning.Jobs;

/// <summary>The cancellation state of one job while this process runs it.</summary>
internal sealed class RunningJob(long jobId) : IDisposable
{
    private readonly CancellationTokenSource _cooperative = new();
    private readonly CancellationTokenSource _force = new();
    private readonly TaskCompletionSource _forced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long JobId { get; } = jobId;

    public CancellationToken CancellationToken => _cooperative.Token;

    public CancellationToken ForceCancellationToken => _force.Token;

    /// <summary>Completes when the step must be abandoned (a forced cancel, or the lease was lost).</summary>
    public Task Forced => _forced.Task;

    /// <summary>What the handler put in <see cref="JobExecutionContext.Result"/>.</summary>
    public object? Result { get; set; }

    /// <summary>Why the cooperative token fired: a user's cancel or the portal shutting down.</summary>
    public StopReason StopReason { get; private set; }

    public void RequestStop(StopReason reason)
    {
        if (StopReason == StopReason.None)
        {
            StopReason = reason;
        }

        TryCancel(_cooperative);
    }

    public void Force(StopReason reason)
    {
        RequestStop(reason);
        if (StopReason is StopReason.Cancel or StopReason.None)
        {
            StopReason = reason;
        }

        TryCancel(_force);
        _forced.TrySetResult();
    }

    public void Dispose()
    {
        _cooperative.Dispose();
        _force.Dispose();
    }

    private static void TryCancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The job ended while the request was on its way.
        }
    }
}
