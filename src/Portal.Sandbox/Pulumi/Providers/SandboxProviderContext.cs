namespace Portal.Sandbox.Pulumi.Providers;

/// <summary>The run-wide settings providers share: the speed factor for simulated delays, the environment, and the stack's
/// provider configuration (<c>aws:region</c>, …) by full key.</summary>
public sealed class SandboxProviderContext(double speed, Func<string, string?> environment, Func<string, string?>? config = null)
{
    /// <summary>Delays are divided by this (<c>PORTAL_SANDBOX_SPEED</c>); 1 looks real, 1000 is for tests.</summary>
    public double Speed { get; } = speed;

    public Func<string, string?> Environment { get; } = environment;

    /// <summary>A stack config value by full key (<c>aws:region</c>), as text; null when unset.</summary>
    public Func<string, string?> Config { get; } = config ?? (_ => null);

    /// <summary>Waits the simulated duration of a cloud operation, scaled by the speed factor.</summary>
    public Task DelayAsync(TimeSpan realistic, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(realistic.TotalMilliseconds / Speed), cancellationToken);
}
