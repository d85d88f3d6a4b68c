using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Portal.Provisioning.Access;

namespace Portal.Web.Authentication;

/// <summary>
/// Checks each request's cookie against the Users table (<see cref="PortalPrincipalRules"/>): a disabled or deleted
/// user, one left with no role, or one whose security stamp changed since the cookie was issued (password reset,
/// disable) is signed out on that request. Open circuits are checked by <see cref="CircuitAuthenticationStateProvider"/>
/// every <c>Auth:CircuitRevalidationInterval</c> instead, since a circuit sends no cookie after it starts.
/// </summary>
public static class CookieValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Principal?.Identity?.Name;
        var accounts = context.HttpContext.RequestServices.GetRequiredService<IAccountService>();
        var user = name is null ? null : await accounts.FindAsync(name, context.HttpContext.RequestAborted);
        if (user is null || !PortalPrincipalRules.IsCurrent(context.Principal!, user))
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
