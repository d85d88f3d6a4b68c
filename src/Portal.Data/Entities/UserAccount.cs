namespace Portal.Data.Entities;

/// <summary>
/// A person who signs in to the portal: a local account with a password hash, or a user first seen through the
/// trusted-header mode (no password). The name is unique regardless of case.
/// </summary>
public sealed class UserAccount
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The ASP.NET Core Identity <c>PasswordHasher</c> hash; null for users an authenticating proxy vouches for.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>The user's roles as the <c>PortalRoles</c> flags' names, comma separated (<c>Operator, Admin</c>).</summary>
    public string Roles { get; set; } = "";

    /// <summary>Failed sign-ins since the last success or lockout.</summary>
    public int FailedSignInCount { get; set; }

    /// <summary>Until when sign-in is refused after too many failures.</summary>
    public DateTimeOffset? LockedOutUntil { get; set; }

    public bool Disabled { get; set; }

    /// <summary><c>local</c> or <c>trusted-header</c>.</summary>
    public string Source { get; set; } = "local";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>Changes when the password, roles or disabled flag change, so cookies issued before are refused.</summary>
    public string SecurityStamp { get; set; } = "";
}
