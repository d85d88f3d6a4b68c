namespace Portal.Data.Audit;

/// <summary>The outcome of walking the audit chain: valid, or the first entry where it breaks and why.</summary>
public sealed record AuditVerificationResult(bool IsValid, long EntriesChecked, long? FirstBrokenSequence, string? Problem, TimeSpan Duration, DateTimeOffset VerifiedAt);
