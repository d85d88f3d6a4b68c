using Portal.Provisioning.Environments;

namespace Portal.Provisioning.Access;

/// <summary>Local accounts: sign-in with lockout, and the Admin's user management. Every change is audited.</summary>
public interface IAccountService
{
    /// <summary>Checks a password; counts failures, locks after too many, audits every attempt (never the password).</summary>
    Task<SignInResult> SignInAsync(string? name, string? password, string? remoteAddress, CancellationToken cancellationToken = default);

    Task RecordSignOutAsync(ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>Whether any enabled user exists (the sign-in page says how to create the first admin when not).</summary>
    Task<bool> AnyEnabledUserAsync(CancellationToken cancellationToken = default);

    Task<UserSummary?> FindAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UserSummary>> ListAsync(ActorContext actor, CancellationToken cancellationToken = default);

    Task<AccountCommandResult> AddAsync(string? name, string? password, PortalRoles roles, ActorContext actor, CancellationToken cancellationToken = default);

    Task<AccountCommandResult> SetPasswordAsync(string name, string? password, ActorContext actor, CancellationToken cancellationToken = default);

    Task<AccountCommandResult> SetDisabledAsync(string name, bool disabled, ActorContext actor, CancellationToken cancellationToken = default);

    /// <summary>Trusted-header mode: the proxy's user, created or given the roles its groups map to (written only on change).</summary>
    Task<UserSummary> EnsureExternalUserAsync(string name, PortalRoles roles, CancellationToken cancellationToken = default);
}
