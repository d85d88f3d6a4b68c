using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Portal.Web.Hosting;

public static class HealthEndpointExtensions
{
    /// <summary>
    /// /health/live: the process answers (for a liveness probe: restart when it fails).
    /// /health/ready: database migrated, job worker claiming, CLI found (for a readiness probe: stop sending traffic).
    /// Mapped in every environment: the portal runs in Kubernetes. Status only, no details, so nothing leaks.
    /// </summary>
    public static WebApplication MapPortalHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}
