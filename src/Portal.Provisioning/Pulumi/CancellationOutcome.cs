namespace Portal.Provisioning.Pulumi;

/// <summary>How a command ended when it was asked to stop.</summary>
public enum CancellationOutcome
{
    /// <summary>Not cancelled.</summary>
    None,

    /// <summary>SIGINT was sent and the CLI stopped by itself within the grace period (state saved, lock released).</summary>
    Interrupted,

    /// <summary>The CLI was killed (grace period over, force requested, or no SIGINT on this OS): pending operations may remain.</summary>
    Killed,
}
