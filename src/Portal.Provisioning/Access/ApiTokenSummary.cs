namespace Portal.Provisioning.Access;

/// <summary>A token as the tokens pages list it: never its secret, only its prefix.</summary>
public sealed record ApiTokenSummary(
    long Id,
    string Owner,
    string Name,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
