namespace Portal.Provisioning.Pulumi;

/// <summary>Options of preview, up, refresh and destroy.</summary>
public sealed record StackOperationOptions
{
    /// <summary>Receives every typed progress item (engine events and raw output lines).</summary>
    public StackProgressHandler? OnProgress { get; init; }

    /// <summary>When cancelled, the CLI is killed at once instead of waiting for the rest of the grace period after SIGINT.</summary>
    public CancellationToken ForceCancellation { get; init; }

    /// <summary>Overrides <see cref="PulumiOptions.CancelGracePeriod"/> for this run.</summary>
    public TimeSpan? CancelGracePeriod { get; init; }

    /// <summary>Update message recorded in the history.</summary>
    public string? Message { get; init; }

    /// <summary>Restricts the operation to these URNs (<c>--target</c>).</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Refreshes state before the operation (<c>--refresh</c>).</summary>
    public bool Refresh { get; init; }

    /// <summary>Fails if there are changes (<c>--expect-no-changes</c>), e.g. for a drift check.</summary>
    public bool ExpectNoChanges { get; init; }

    /// <summary>Refresh only: drop pending creates left by a crash (<c>--clear-pending-creates</c>).</summary>
    public bool ClearPendingCreates { get; init; }
}
