namespace Portal.Provisioning.Access;

/// <summary>A user as pages, the command line and the authentication handlers see it (never the password hash).</summary>
public sealed record UserSummary(
    long Id,
    string Name,
    PortalRoles Roles,
    bool Disabled,
    string Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset? LockedOutUntil,
    string SecurityStamp);
