using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Access;

namespace Portal.Web.Authentication;

/// <summary>
/// Behind an authenticating proxy: the user from <c>Auth:TrustedHeader:UserHeader</c>, roles from the groups in
/// <c>GroupsHeader</c> mapped by <c>GroupRoles</c>, accepted only when the TCP peer is one of <c>TrustedProxies</c>.
/// Headers from any other peer are refused (403), logged and audited, and so is a user whose groups map to no role;
/// no header at all is a 401.
/// </summary>
public sealed partial class TrustedHeaderAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<AuthOptions> auth,
    TrustedProxyList proxies,
    IAccountService accounts,
    AccessAuditor auditor)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string UntrustedPeerKey = "portal:untrusted-peer";

    private const string NoRoleKey = "portal:no-role";

    private const string BadNameKey = "portal:bad-name";

    /// <summary>What a user whose groups map to no role is told (403).</summary>
    public const string NoRoleMessage = "You are signed in at the proxy, but your groups map to no Portal role (Auth:TrustedHeader:GroupRoles). Ask an admin for access.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var settings = auth.Value.TrustedHeader;
        var peer = ForwardedHeadersSetup.TcpPeer(Context);
        string? user = Request.Headers[settings.UserHeader];
        if (!proxies.Contains(peer))
        {
            Context.Items[UntrustedPeerKey] = true;
            if (!string.IsNullOrEmpty(user))
            {
                LogUntrustedPeer(Logger, peer?.ToString(), settings.UserHeader, user);
                await auditor.RecordAsync(user, peer?.ToString(), "auth.trusted-header", $"user/{user}", "denied",
                    new { reason = "The request did not come from a trusted proxy." }, cancellationToken: Context.RequestAborted);
            }

            return AuthenticateResult.Fail("The request did not come from a trusted proxy.");
        }

        if (string.IsNullOrWhiteSpace(user))
        {
            return AuthenticateResult.NoResult();
        }

        if (AccountNameRules.Validate(user.Trim()) is { } nameError)
        {
            // A reserved name (bootstrap, system, anonymous) or one the portal cannot record: refused, never created.
            Context.Items[BadNameKey] = true;
            LogBadName(Logger, user, nameError);
            return AuthenticateResult.Fail("The proxy's user name is not allowed in the portal.");
        }

        var roles = PortalRoles.None;
        foreach (var group in Request.Headers[settings.GroupsHeader].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (settings.GroupRoles.TryGetValue(group, out var mapped))
            {
                roles |= PortalRoleNames.Parse(mapped);
            }
        }

        user = user.Trim();
        if (roles == PortalRoles.None)
        {
            // No role, no access. A known user's roles are cleared too, so their API tokens and open pages lose them.
            if (await accounts.FindAsync(user, Context.RequestAborted) is { Roles: not PortalRoles.None })
            {
                await accounts.EnsureExternalUserAsync(user, PortalRoles.None, Context.RequestAborted);
            }

            Context.Items[NoRoleKey] = true;
            LogNoRole(Logger, user, string.Join(',', Request.Headers[settings.GroupsHeader].ToArray()));
            await auditor.RecordAsync(user, peer?.ToString(), "auth.trusted-header", $"user/{user}", "denied",
                new { reason = "The user's groups map to no Portal role." }, cancellationToken: Context.RequestAborted);
            return AuthenticateResult.Fail("The user's groups map to no Portal role.");
        }

        var account = await accounts.EnsureExternalUserAsync(user, roles, Context.RequestAborted);
        if (account.Disabled)
        {
            return AuthenticateResult.Fail("The user is disabled in the portal.");
        }

        var principal = PortalClaims.Create(account.Name, roles, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var untrusted = Context.Items.ContainsKey(UntrustedPeerKey);
        var noRole = Context.Items.ContainsKey(NoRoleKey);
        var badName = Context.Items.ContainsKey(BadNameKey);
        Response.StatusCode = untrusted || noRole || badName ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        Response.ContentType = "text/plain; charset=utf-8";
        await Response.WriteAsync(untrusted ? "This portal accepts users only through its authenticating proxy."
            : noRole ? NoRoleMessage
            : badName ? "The user name the proxy sent is not allowed in the portal (reserved or malformed). Ask an admin."
            : "Not signed in: the authenticating proxy did not name a user.");
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Refused {Header} '{User}' from {Peer}: not a trusted proxy (Auth:TrustedHeader:TrustedProxies)")]
    private static partial void LogUntrustedPeer(ILogger logger, string? peer, string header, string user);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Refused '{User}': the groups '{Groups}' map to no Portal role (Auth:TrustedHeader:GroupRoles)")]
    private static partial void LogNoRole(ILogger logger, string user, string groups);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Refused the proxy's user '{User}': {Problem}")]
    private static partial void LogBadName(ILogger logger, string user, string problem);
}
