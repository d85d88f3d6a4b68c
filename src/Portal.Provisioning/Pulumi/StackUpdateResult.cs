namespace Portal.Provisioning.Pulumi;

/// <summary>The outcome of up, refresh or destroy. Failures throw a <see cref="PulumiCommandException"/>; a cancellation returns here.</summary>
/// <param name="Kind">update, refresh or destroy.</param>
/// <param name="Summary">The engine summary, or null if the engine never got that far (e.g. killed).</param>
/// <param name="Outputs">Stack outputs after a completed up (empty otherwise).</param>
/// <param name="Cancellation">Whether the run was interrupted (SIGINT) or killed.</param>
/// <param name="Duration">Wall time of the command, outputs included.</param>
public sealed record StackUpdateResult(
    string Kind,
    SummaryProgress? Summary,
    IReadOnlyDictionary<string, StackOutputValue> Outputs,
    CancellationOutcome Cancellation,
    TimeSpan Duration)
{
    /// <summary>True unless the run was stopped before it completed (failures throw instead of returning).</summary>
    public bool Succeeded => Cancellation == CancellationOutcome.None || Summary?.Result == "succeeded";
}
