using Portal.Web.Authentication;

namespace Portal.Web.Endpoints;

public static class EndpointExtensions
{
    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        // Bearer tokens only (no cookie: a browser's session never reaches the API, so no cross-site request can either).
        var api = app.MapGroup("/api").RequireAuthorization(AuthenticationSetup.ApiPolicy).RequireRateLimiting(PortalRateLimits.Api);
        api.MapAuditEndpoints();
        api.MapJobApi();
        api.MapEnvironmentEndpoints();
        api.MapApprovalEndpoints();
        api.MapReleaseEndpoints();

        // The UI's downloads (audit export, full job log) use the UI's access rules, not the API's.
        var downloads = app.MapGroup("/download").RequireAuthorization(AuthenticationSetup.SignedIn);
        downloads.MapAuditExport();
        downloads.MapJobEndpoints();
        return app;
    }
}
