using System.Runtime.InteropServices;

namespace Portal.Sandbox.Pulumi;

/// <summary>Traps SIGINT and SIGTERM for an update and hands them to the engine once it exists; signals that arrive
/// earlier are replayed when it attaches.</summary>
internal sealed class SignalRelay : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<string> _early = [];
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private Action<string>? _target;

    public SignalRelay()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Relay(c, "SIGINT"));
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Relay(c, "SIGTERM"));
    }

    public void Attach(Action<string> target)
    {
        List<string> early;
        lock (_gate)
        {
            _target = target;
            early = [.. _early];
        }

        foreach (var signal in early)
        {
            target(signal);
        }
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
    }

    private void Relay(PosixSignalContext context, string name)
    {
        context.Cancel = true;
        Action<string>? target;
        lock (_gate)
        {
            target = _target;
            if (target is null)
            {
                _early.Add(name);
            }
        }

        target?.Invoke(name);
    }
}
