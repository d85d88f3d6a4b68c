namespace Portal.Provisioning.Jobs;

/// <summary>The <c>Jobs</c> configuration section.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>How many jobs run at once (never two of one environment).</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>
    /// Workers wake the moment a job is queued in this process; this slow poll is only the fallback
    /// (a retry whose backoff ended, a row written by another tool).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A running job whose lease is not renewed within this time is considered orphaned.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running job renews its lease and checks for a cancel request written by another process.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First retry delay for idempotent handlers; doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>On shutdown, how long running jobs get to stop after being asked to; they are then recorded as Interrupted.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many log lines a live log view keeps in memory; the full log stays in the database.</summary>
    public int LiveLogLineCap { get; set; } = 2_000;
}
