namespace Portal.Provisioning.Jobs;

/// <summary>
/// Wakes idle workers the moment there may be work: a job was queued, a job finished (the next one of its
/// environment may start), or a retry's backoff ended. Counts are capped at the worker count so a burst of
/// enqueues does not leave workers spinning on empty claims afterwards.
/// </summary>
public sealed class JobSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, int.MaxValue);
    private int _cap = 1;

    internal void SetWorkerCount(int workers) => _cap = Math.Max(1, workers);

    public void Wake()
    {
        if (_semaphore.CurrentCount < _cap)
        {
            _semaphore.Release();
        }
    }

    /// <summary>Waits for a wake-up or the timeout; true when woken.</summary>
    internal Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}
