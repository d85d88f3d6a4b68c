using Portal.Data;
using Portal.Provisioning;
using Portal.Web.Authentication;
using Portal.Web.Endpoints;
using Portal.Web.Hosting;

if (UsersCommand.Matches(args))
{
    return await UsersCommand.RunAsync(args, Console.In, Console.Out, Console.Error);
}

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
return 0;

/// <summary>The entry point, public so WebApplicationFactory can find it.</summary>
public partial class Program;
