namespace Portal.Sandbox.Pulumi.Providers;

/// <summary>The run-wide settings providers share: the speed factor for simulated delays and the environment.</summary>
public sealed class SandboxProviderContext(double speed, Func<string, string?> environment)
{
    /// <summary>Delays are divided by this (<c>PORTAL_SANDBOX_SPEED</c>); 1 looks real, 1000 is for tests.</summary>
    public double Speed { get; } = speed;

    public Func<string, string?> Environment { get; } = environment;

    /// <summary>Waits the simulated duration of a cloud operation, scaled by the speed factor.</summary>
    public Task DelayAsync(TimeSpan realistic, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(realistic.TotalMilliseconds / Speed), cancellationToken);
}
