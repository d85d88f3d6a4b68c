namespace Portal.Provisioning.Access;

/// <summary>The <c>Auth</c> configuration section: how people and tokens are authenticated.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public AuthMode Mode { get; set; } = AuthMode.Local;

    /// <summary>The first admin, created once when no user exists (live mode has no other default).</summary>
    public InitialAdminOptions InitialAdmin { get; set; } = new();

    /// <summary>An API token for automation with the Admin role (actor <c>bootstrap</c>); at least 32 characters.</summary>
    public string? BootstrapToken { get; set; }

    /// <summary>Failed sign-ins in a row before the account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sliding lifetime of the sign-in cookie.</summary>
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often an open Blazor circuit re-checks its user (disabled, password reset, roles changed).</summary>
    public TimeSpan CircuitRevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sign-in attempts per client address per minute.</summary>
    public int SignInPermitsPerMinute { get; set; } = 10;

    /// <summary>API requests per token (or client address, without one) per minute.</summary>
    public int ApiPermitsPerMinute { get; set; } = 600;

    public TrustedHeaderOptions TrustedHeader { get; set; } = new();

    /// <summary>
    /// Addresses or CIDR ranges of reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed (the
    /// client address and scheme then come from them). Empty (the default): the headers are ignored.
    /// </summary>
    public List<string> ForwardedHeadersProxies { get; set; } = [];
}
