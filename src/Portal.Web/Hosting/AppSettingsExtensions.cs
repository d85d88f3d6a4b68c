using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Portal.Web.Hosting;

public static class AppSettingsExtensions
{
    /// <summary>
    /// appsettings.json lives at the repository root and is copied next to the binaries. Add it as the first
    /// source so appsettings.{Environment}.json, environment variables and the command line still override it.
    /// </summary>
    public static WebApplicationBuilder AddRepositoryAppSettings(this WebApplicationBuilder builder)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(path) && !File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")))
        {
            builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
            {
                Path = "appsettings.json",
                Optional = true,
                ReloadOnChange = false,
                FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            });
        }

        return builder;
    }
}
