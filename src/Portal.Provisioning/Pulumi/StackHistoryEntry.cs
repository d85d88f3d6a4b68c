namespace Portal.Provisioning.Pulumi;

/// <summary>One entry of <c>stack history --json</c> (config left out: it may hold secrets).</summary>
public sealed record StackHistoryEntry(
    int Version,
    string Kind,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    string Message,
    string? Result,
    IReadOnlyDictionary<string, int> ResourceChanges);
