using System.Security.Claims;
using Portal.Provisioning.Access;

namespace Portal.Web.Authentication;

/// <summary>
/// Whether a signed-in principal still stands for its user: the user exists, is not disabled and has a role; a cookie's
/// security stamp matches (a password reset, disable or role change rotates it); a trusted proxy's user still has the
/// roles its groups mapped to. Used by the cookie validator (each request) and the circuits' revalidation.
/// </summary>
public static class PortalPrincipalRules
{
    public static bool IsCurrent(ClaimsPrincipal principal, UserSummary? user)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (user is null || user.Disabled || user.Roles == PortalRoles.None)
        {
            return false;
        }

        return principal.Identity?.AuthenticationType == PortalAuthenticationSchemes.TrustedHeader
            ? PortalClaims.RolesOf(principal) == user.Roles
            : principal.FindFirst(PortalClaims.SecurityStamp)?.Value == user.SecurityStamp;
    }
}
