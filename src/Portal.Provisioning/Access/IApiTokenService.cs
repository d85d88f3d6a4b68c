using Portal.Provisioning.Environments;

namespace Portal.Provisioning.Access;

/// <summary>API tokens: created (shown once), listed, revoked, and checked for each bearer request.</summary>
public interface IApiTokenService
{
    Task<ApiTokenCreateResult> CreateAsync(string? name, DateTimeOffset? expiresAt, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>The actor's tokens; with <paramref name="everyone"/> (Admin), every user's.</summary>
    Task<IReadOnlyList<ApiTokenSummary>> ListAsync(ActorContext actor, bool everyone, CancellationToken cancellationToken = default);

    /// <summary>Revokes a token of the actor's own, or anyone's for an Admin.</summary>
    Task<AccountCommandResult> RevokeAsync(long tokenId, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>The identity a bearer token acts as, or null when it is unknown, revoked, expired or its owner disabled.</summary>
    Task<TokenIdentity?> AuthenticateAsync(string token, CancellationToken cancellationToken = default);
}
