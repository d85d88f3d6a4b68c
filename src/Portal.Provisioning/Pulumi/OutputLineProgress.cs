namespace Portal.Provisioning.Pulumi;

/// <summary>A raw line the CLI wrote to stdout or stderr.</summary>
public sealed record OutputLineProgress(DateTimeOffset Timestamp, bool IsStandardError, string Line) : StackProgress(-1, Timestamp);
