namespace Portal.Provisioning.Pulumi;

/// <summary>A resource step: <paramref name="Operation"/> is Pulumi's op (create, update, replace, delete, same, refresh, …).</summary>
public sealed record ResourceProgress(
    long Sequence,
    DateTimeOffset Timestamp,
    ResourceEventPhase Phase,
    string Operation,
    string Urn,
    string Type,
    string Name,
    bool IsPreview,
    IReadOnlyList<string> ChangedKeys,
    IReadOnlyList<string> ReplaceKeys) : StackProgress(Sequence, Timestamp);
