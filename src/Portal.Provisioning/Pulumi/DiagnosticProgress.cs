namespace Portal.Provisioning.Pulumi;

/// <summary>An engine diagnostic (<c>info</c>, <c>info#err</c>, <c>warning</c>, <c>error</c>, <c>debug</c>) or an engine
/// <c>stdoutEvent</c> (severity <c>stdout</c>), with Pulumi's color directives removed.</summary>
public sealed record DiagnosticProgress(long Sequence, DateTimeOffset Timestamp, string Severity, string Message, string? Urn)
    : StackProgress(Sequence, Timestamp);
