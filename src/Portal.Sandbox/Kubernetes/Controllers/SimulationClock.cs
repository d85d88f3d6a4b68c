namespace Portal.Sandbox.Kubernetes.Controllers;

/// <summary>Real time for timestamps, scaled durations for everything the simulation waits for.</summary>
internal sealed class SimulationClock(TimeProvider timeProvider, double speed)
{
    public DateTimeOffset Now => timeProvider.GetUtcNow();

    public TimeProvider TimeProvider => timeProvider;

    public TimeSpan Scale(TimeSpan simulated) => TimeSpan.FromTicks((long)(simulated.Ticks / speed));

    public TimeSpan Scale(double simulatedSeconds) => Scale(TimeSpan.FromSeconds(simulatedSeconds));
}
