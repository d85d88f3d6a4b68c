using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Provisioning.Secrets;

/// <summary>
/// Keeps the data protection keys (antiforgery, cookies, environment secrets) in the data directory, so they survive restarts and
/// follow Portal:DataDirectory from any configuration source. The section is bound here without validation:
/// the key ring is built before the host validates options at start, which then reports every error at once.
/// </summary>
public sealed class DataProtectionKeysConfigurator(IConfiguration configuration, ILoggerFactory loggerFactory) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        var portal = configuration.GetSection(PortalOptions.SectionName).Get<PortalOptions>() ?? new PortalOptions();
        var directory = new DirectoryInfo(Path.Combine(portal.DataDirectoryFullPath, "keys"));
        options.XmlRepository = new FileSystemXmlRepository(directory, loggerFactory);
    }
}
