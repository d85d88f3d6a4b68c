using Microsoft.Extensions.Hosting;

namespace Portal.Provisioning.Templates;

/// <summary>Resolves the catalog when the host starts, so template problems are in the startup log rather than
/// appearing at the first request that needs a template.</summary>
internal sealed class TemplateCatalogStartup(ITemplateCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving the catalog (the constructor parameter) loaded it; nothing more to do.
        _ = catalog.Templates;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
