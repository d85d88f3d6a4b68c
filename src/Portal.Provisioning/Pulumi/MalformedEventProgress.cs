namespace Portal.Provisioning.Pulumi;

/// <summary>An event-log line that was not a valid engine event; reported, never fatal (as the Go SDK does).</summary>
public sealed record MalformedEventProgress(DateTimeOffset Timestamp, string Line, string Error) : StackProgress(-1, Timestamp);
