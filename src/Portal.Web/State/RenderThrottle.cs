namespace Portal.Web.State;

/// <summary>
/// Coalesces bursts of live updates into at most one render per interval (about 10 a second): a Pulumi run can
/// write hundreds of events a second and re-rendering on each would flood the circuit.
/// </summary>
/// <param name="interval">The quiet period a render waits for.</param>
/// <param name="render">Renders; the caller marshals it to its dispatcher.</param>
/// <param name="time">The clock the interval is measured on (the system clock when null; tests pass a manual one).</param>
public sealed class RenderThrottle(TimeSpan interval, Func<Task> render, TimeProvider? time = null) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private bool _scheduled;

    /// <summary>Asks for a render; the first request of a quiet period schedules one after the interval.</summary>
    public void Request()
    {
        lock (_gate)
        {
            if (_scheduled || _disposed.IsCancellationRequested)
            {
                return;
            }

            _scheduled = true;
        }

        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            await Task.Delay(interval, time ?? TimeProvider.System, _disposed.Token);
            lock (_gate)
            {
                _scheduled = false;
            }

            await render();
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The component went away.
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
