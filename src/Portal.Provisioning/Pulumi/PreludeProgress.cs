namespace Portal.Provisioning.Pulumi;

/// <summary>The engine's <c>preludeEvent</c>: the stack configuration, secrets as <c>[secret]</c>.</summary>
public sealed record PreludeProgress(long Sequence, DateTimeOffset Timestamp, IReadOnlyDictionary<string, string> Config)
    : StackProgress(Sequence, Timestamp);
