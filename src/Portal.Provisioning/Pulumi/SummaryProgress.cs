namespace Portal.Provisioning.Pulumi;

/// <summary>The engine's <c>summaryEvent</c>: counts per operation, duration and result (<c>succeeded</c>, <c>failed</c>, <c>canceled</c>).</summary>
public sealed record SummaryProgress(
    long Sequence,
    DateTimeOffset Timestamp,
    IReadOnlyDictionary<string, int> ResourceChanges,
    int DurationSeconds,
    bool IsPreview,
    string? Result) : StackProgress(Sequence, Timestamp);
