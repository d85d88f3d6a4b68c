using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Access;
using Portal.Web.State;

namespace Portal.Web.Authentication;

/// <summary>
/// Sign-in for people (a cookie from the sign-in page, or a trusted proxy's headers) and bearer tokens for the API;
/// everything but <c>/health</c>, the sign-in page and static files requires one of them.
/// </summary>
public static class AuthenticationSetup
{
    public const string ApiPolicy = "api";

    public static IServiceCollection AddPortalAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<TrustedProxyList>();
        services.AddPortalAccountSeeding();
        services.AddAuthentication(PortalAuthenticationSchemes.Portal)
            .AddPolicyScheme(PortalAuthenticationSchemes.Portal, "Portal", o => o.ForwardDefaultSelector = SelectScheme)
            .AddCookie(PortalAuthenticationSchemes.Cookie, o =>
            {
                o.LoginPath = SignInEndpoints.SignInPath;
                o.LogoutPath = "/account/signout";
                o.AccessDeniedPath = SignInEndpoints.SignInPath;
                o.SlidingExpiration = true;
                o.Cookie.Name = "portal.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnValidatePrincipal = CookieValidator.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, TrustedHeaderAuthenticationHandler>(PortalAuthenticationSchemes.TrustedHeader, null)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(PortalAuthenticationSchemes.ApiToken, null);
        services.AddOptions<CookieAuthenticationOptions>(PortalAuthenticationSchemes.Cookie)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = auth.Value.CookieLifetime);

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy.AddAuthenticationSchemes(PortalAuthenticationSchemes.ApiToken).RequireAuthenticatedUser());
        services.AddCascadingAuthenticationState();

        // Replaces the framework's provider (registered by AddInteractiveServerComponents) so open circuits re-check their user.
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, CircuitAuthenticationStateProvider>();
        services.AddPortalRateLimits();
        return services;
    }

    /// <summary>
    /// Rate limits first (so unknown tokens and failing sign-ins are limited before any lookup), then who is asking, and
    /// the scoped <see cref="CurrentActor"/> filled from it.
    /// </summary>
    public static WebApplication UsePortalAuthentication(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentActor>().Set(context.User, context.Connection.RemoteIpAddress?.ToString());
            return next(context);
        });
        return app;
    }

    private static string SelectScheme(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return PortalAuthenticationSchemes.ApiToken;
        }

        var mode = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Mode;
        return mode == AuthMode.TrustedHeader ? PortalAuthenticationSchemes.TrustedHeader : PortalAuthenticationSchemes.Cookie;
    }

    /// <summary>The UI's rule: any signed-in user (pages check finer permissions through the services).</summary>
    public static AuthorizationPolicy SignedIn { get; } = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
}
