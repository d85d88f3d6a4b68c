using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Access;

namespace Portal.Web.Authentication;

/// <summary>
/// Behind an authenticating proxy: the user from <c>Auth:TrustedHeader:UserHeader</c>, roles from the groups in
/// <c>GroupsHeader</c> mapped by <c>GroupRoles</c>, accepted only when the TCP peer is one of <c>TrustedProxies</c>.
/// Headers from any other peer are refused (403), logged and audited; no header at all is a 401.
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

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var settings = auth.Value.TrustedHeader;
        var peer = Context.Connection.RemoteIpAddress;
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

        if (string.IsNullOrWhiteSpace(user) || AccountNameRules.Validate(user.Trim()) is not null)
        {
            return AuthenticateResult.NoResult();
        }

        var roles = PortalRoles.None;
        foreach (var group in Request.Headers[settings.GroupsHeader].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (settings.GroupRoles.TryGetValue(group, out var mapped))
            {
                roles |= PortalRoleNames.Parse(mapped);
            }
        }

        var account = await accounts.EnsureExternalUserAsync(user.Trim(), roles, Context.RequestAborted);
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
        Response.StatusCode = untrusted ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        Response.ContentType = "text/plain; charset=utf-8";
        await Response.WriteAsync(untrusted
            ? "This portal accepts users only through its authenticating proxy."
            : "Not signed in: the authenticating proxy did not name a user.");
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Refused {Header} '{User}' from {Peer}: not a trusted proxy (Auth:TrustedHeader:TrustedProxies)")]
    private static partial void LogUntrustedPeer(ILogger logger, string? peer, string header, string user);
}
