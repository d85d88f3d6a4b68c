namespace Portal.Web.Endpoints;

public static class EndpointExtensions
{
    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<LoopbackSandboxFilter>();
        api.MapAuditEndpoints();
        api.MapJobApi();
        api.MapEnvironmentEndpoints();
        api.MapApprovalEndpoints();
        api.MapReleaseEndpoints();

        // The UI's downloads (audit export, full job log) use the UI's access rules, not the API's.
        var downloads = app.MapGroup("/download");
        downloads.MapAuditExport();
        downloads.MapJobEndpoints();
        return app;
    }
}
