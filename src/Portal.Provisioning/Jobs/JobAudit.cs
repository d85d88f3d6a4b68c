namespace Portal.Provisioning.Jobs;

/// <summary>What the audit entry of an enqueue says: the action the user took, not just "a job was queued".</summary>
public sealed record JobAudit(string Action, string Target, object? Details = null, string? RemoteAddress = null);
