namespace Portal.Provisioning.Pulumi;

/// <summary>Runs one CLI process; a seam so the driver's argv and parsing can be tested without a process.</summary>
internal interface IPulumiProcessRunner
{
    Task<PulumiProcessResult> RunAsync(PulumiInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>One CLI invocation: argument list (never a shell string), environment, stdin, limits.</summary>
internal sealed record PulumiInvocation(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan Timeout,
    TimeSpan CancelGracePeriod)
{
    public string? StandardInput { get; init; }

    public Func<bool, string, ValueTask>? OnOutputLine { get; init; }

    public CancellationToken ForceCancellation { get; init; }
}

internal sealed record PulumiProcessResult(int ExitCode, string StandardOutput, string StandardError, CancellationOutcome Cancellation, bool TimedOut);
