using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Tests.Templates;

public sealed class TemplateServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddPortalTemplates_HostStarts_CatalogIsLoadedFromTheConfiguredFolder()
    {
        using var folder = new TemplateFolder();
        folder.Add("demo");
        using var host = Build(folder.Path);

        await host.StartAsync();

        var catalog = host.Services.GetRequiredService<ITemplateCatalog>();
        Assert.Same(catalog, host.Services.GetRequiredService<ITemplateCatalog>());
        Assert.Equal("demo", Assert.Single(catalog.Templates).Name);
        await host.StopAsync();
    }

    [Fact]
    public async Task AddPortalTemplates_MissingFolder_FailsStartup()
    {
        using var host = Build("/nonexistent/portal-templates");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("/nonexistent/portal-templates", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    private static IHost Build(string directory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Templates:Directory"] = directory });
        builder.Services.AddPortalTemplates();
        return builder.Build();
    }
}
