namespace Portal.Data.Entities;

/// <summary>
/// An append-only, hash-chained record of an action or decision. Callers set what happened; the
/// <see cref="Interceptors.AuditChainInterceptor"/> sets Sequence, Time (when unset), PreviousHash and Hash
/// in the same transaction as the change it records. Nothing updates or deletes these rows.
/// </summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }

    public DateTimeOffset Time { get; set; }

    /// <summary>Who: a user name, <c>token:&lt;name&gt;</c> or <c>system</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>What, as a dotted verb: <c>environment.create</c>, <c>job.cancel</c>.</summary>
    public required string Action { get; set; }

    /// <summary>The object acted on: <c>job/42</c>, <c>environment/dev-1</c>.</summary>
    public required string Target { get; set; }

    public string? EnvironmentName { get; set; }

    /// <summary>Inputs and context as JSON, with secrets redacted.</summary>
    public string DetailsJson { get; set; } = "{}";

    /// <summary><c>requested</c>, <c>succeeded</c>, <c>failed</c>, <c>denied</c>…</summary>
    public required string Outcome { get; set; }

    /// <summary>From where: the client address, when there is one.</summary>
    public string? RemoteAddress { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";
}
