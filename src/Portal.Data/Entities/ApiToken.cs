namespace Portal.Data.Entities;

/// <summary>
/// A bearer token for the REST API, owned by a user and carrying that user's current roles. Only the SHA-256 hash of
/// the secret is stored (the secret is 256 random bits, so a fast hash is enough); the prefix is kept for display.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }

    public long UserId { get; set; }

    public UserAccount? User { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, shown so a person can tell their tokens apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole token text.</summary>
    public required string SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Updated at most once a minute.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}
