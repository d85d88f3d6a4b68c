using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Access;

namespace Portal.Web.Authentication;

/// <summary>
/// The circuits' authentication state, re-checked every <c>Auth:CircuitRevalidationInterval</c> with the cookie
/// validator's rules (<see cref="PortalPrincipalRules"/>); on top, the roles must still be the user's. A principal that
/// fails is replaced by an anonymous one, which <see cref="State.CurrentActor"/> follows, so services deny at once.
/// </summary>
public sealed partial class CircuitAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IAccountService accounts, IOptions<AuthOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<CircuitAuthenticationStateProvider>();

    protected override TimeSpan RevalidationInterval => options.Value.CircuitRevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        return IsStillValidAsync(authenticationState.User, cancellationToken);
    }

    /// <summary>Whether the circuit's user may go on as who they are (an anonymous circuit has nothing to lose).</summary>
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || user.Identity.Name is not { } name)
        {
            return true;
        }

        var account = await accounts.FindAsync(name, cancellationToken);
        var valid = PortalPrincipalRules.IsCurrent(user, account) && PortalClaims.RolesOf(user) == account!.Roles;
        if (!valid)
        {
            LogCircuitSignedOut(_logger, name);
        }

        return valid;
    }

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Signed out an open circuit of '{User}': the user is disabled, changed or gone")]
    private static partial void LogCircuitSignedOut(ILogger logger, string user);
}
