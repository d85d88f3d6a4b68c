using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Portal.Provisioning.Access;
using Portal.Web.State;

namespace Portal.Web.Authentication;

/// <summary>
/// The form posts of the sign-in page and the layout's sign-out button. The sign-in page renders statically (a circuit
/// cannot set a cookie), so these plain endpoints validate the antiforgery token, check the password and set the cookie.
/// </summary>
public static class SignInEndpoints
{
    public const string SignInPath = "/signin";

    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/signin", SignInAsync).AllowAnonymous().RequireRateLimiting(PortalRateLimits.SignIn).DisableAntiforgery();
        app.MapPost("/account/signout", SignOutAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, IAccountService accounts, CancellationToken cancellationToken)
    {
        // Validated here rather than by the endpoint metadata so a stale form gets a page that says so, not a bare 400.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Redirect($"{SignInPath}?error=expired");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var name = form["name"].ToString();
        var returnUrl = LocalOrRoot(form["returnUrl"].ToString());
        var result = await accounts.SignInAsync(name, form["password"].ToString(), http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (!result.Succeeded)
        {
            // One answer for an unknown name, a wrong password, a locked and a disabled account: the form does not tell
            // which names exist or are locked (the audit entry keeps the specific outcome).
            return Results.Redirect($"{SignInPath}?error=invalid&name={Uri.EscapeDataString(name)}&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var user = result.User!;
        var principal = PortalClaims.Create(user.Name, user.Roles, PortalAuthenticationSchemes.Cookie,
            new System.Security.Claims.Claim(PortalClaims.SecurityStamp, user.SecurityStamp));
        await http.SignInAsync(PortalAuthenticationSchemes.Cookie, principal, new AuthenticationProperties { IsPersistent = false });
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, IAccountService accounts, CurrentActor actor, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        var result = await http.AuthenticateAsync(PortalAuthenticationSchemes.Cookie);
        if (result.Succeeded)
        {
            actor.Set(result.Principal, http.Connection.RemoteIpAddress?.ToString());
            await accounts.RecordSignOutAsync(actor.ToActorContext(), cancellationToken);
            await http.SignOutAsync(PortalAuthenticationSchemes.Cookie);
        }

        return Results.Redirect(SignInPath);
    }

    /// <summary>Only a path on this site (not <c>//host</c> or <c>/\host</c>) is followed after sign-in.</summary>
    public static string LocalOrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains("://", StringComparison.Ordinal)
            ? url
            : "/";
}
