using Microsoft.Extensions.Logging;

namespace Portal.Provisioning.Pulumi;

/// <summary>Delivers progress to the caller's handler one item at a time (stdout, stderr and the event log are read
/// concurrently) and keeps a failing handler from breaking the command.</summary>
internal sealed class ProgressDispatcher(StackProgressHandler? handler, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask PublishAsync(StackProgress progress)
    {
        if (handler is null)
        {
            return;
        }

        // Progress keeps flowing after the caller cancels: the cancellation summary is exactly what it wants to see.
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            await handler(progress, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            PulumiLog.ProgressHandlerFailed(logger, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
