using Portal.Data;
using Portal.Provisioning;
using Portal.Web.Endpoints;
using Portal.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRepositoryAppSettings();
builder.AddPortalData();
builder.AddPortalProvisioning();
builder.AddPortalWeb();

var app = builder.Build();
app.UsePortalWeb();
app.MapPortalHealthChecks();
app.MapPortalEndpoints();
app.MapPortalComponents();
await app.RunAsync();

/// <summary>The entry point, public so WebApplicationFactory can find it.</summary>
public partial class Program;
