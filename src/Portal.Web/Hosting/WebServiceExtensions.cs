using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Provisioning.Pulumi;
using Portal.Web.Authentication;
using Portal.Web.State;
using Radzen;

namespace Portal.Web.Hosting;

public static class WebServiceExtensions
{
    public static WebApplicationBuilder AddPortalWeb(this WebApplicationBuilder builder)
    {
        // `dotnet run` outside Development still serves package assets (Radzen's CSS and JS) from the build output;
        // after `dotnet publish` there is no manifest and this does nothing (the files are in wwwroot).
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        services.AddProblemDetails();

        // The API speaks camelCase JSON with enums as camelCase strings, like job payloads and audit details.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddScoped<CurrentActor>();
        services.AddSecretRedactionToLogging();
        services.AddSingleton<State.Releases.PodLogReader>();
        services.AddPortalAuthentication();

        // The simulated cloud, in sandbox mode only (see SandboxCloudHost).
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName)
            .Validate(o => o.Speed is >= 0.1 and <= 1000, "Sandbox:Speed must be between 0.1 and 1000.").ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<PulumiOptions>, SandboxPulumiOptionsConfigurator>();
        services.AddHostedService<SandboxCloudHost>();
        return builder;
    }

    public static WebApplication UsePortalWeb(this WebApplication app)
    {
        // First, so everything after sees the client's address and scheme (only from the proxies configured to send them).
        app.UsePortalForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePages();
        app.UsePortalSecurityHeaders();
        app.UsePortalAuthentication();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPortalComponents(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapSignInEndpoints();

        // Every page needs a signed-in user; the sign-in and error pages say [AllowAnonymous].
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode().RequireAuthorization(AuthenticationSetup.SignedIn)
            .Add(endpoint =>
            {
                // The framework's script is mapped here too; the statically rendered sign-in page needs it before anyone is signed in.
                if (endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText?.StartsWith("/_framework/", StringComparison.Ordinal) == true)
                {
                    endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
                }
            });
        return app;
    }
}
