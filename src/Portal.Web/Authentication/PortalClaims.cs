using System.Security.Claims;
using Portal.Provisioning.Access;

namespace Portal.Web.Authentication;

/// <summary>The claims the portal's principals carry: the name, one role claim per role, and the user's security stamp.</summary>
public static class PortalClaims
{
    public const string SecurityStamp = "portal:stamp";

    public const string TokenName = "portal:token";

    public static ClaimsPrincipal Create(string name, PortalRoles roles, string authenticationType, params Claim[] extra)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(Enum.GetValues<PortalRoles>().Where(r => r != PortalRoles.None && roles.HasFlag(r)).Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        claims.AddRange(extra);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static PortalRoles RolesOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true
            ? PortalRoleNames.Parse(string.Join(',', user.FindAll(ClaimTypes.Role).Select(c => c.Value)))
            : PortalRoles.None;
    }
}
