using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Portal.Provisioning.Access;

namespace Portal.Web.Authentication;

/// <summary>
/// Checks each cookie against the Users table: a disabled or deleted user, or one whose password changed since the
/// cookie was issued (security stamp), is signed out; a change of roles takes effect on the next request.
/// </summary>
public static class CookieValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Principal?.Identity?.Name;
        var accounts = context.HttpContext.RequestServices.GetRequiredService<IAccountService>();
        var user = name is null ? null : await accounts.FindAsync(name, context.HttpContext.RequestAborted);
        if (user is null || user.Disabled || user.SecurityStamp != context.Principal!.FindFirst(PortalClaims.SecurityStamp)?.Value)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(PortalAuthenticationSchemes.Cookie);
            return;
        }

        if (PortalClaims.RolesOf(context.Principal!) != user.Roles)
        {
            context.ReplacePrincipal(PortalClaims.Create(user.Name, user.Roles, PortalAuthenticationSchemes.Cookie,
                new System.Security.Claims.Claim(PortalClaims.SecurityStamp, user.SecurityStamp)));
            context.ShouldRenew = true;
        }
    }
}
