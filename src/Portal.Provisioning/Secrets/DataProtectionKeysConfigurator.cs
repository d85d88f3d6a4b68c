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
/// In live mode without <c>DataProtection:CertificatePath</c> it warns once that the keys are written unencrypted.
/// </summary>
public sealed partial class DataProtectionKeysConfigurator(IConfiguration configuration, ILoggerFactory loggerFactory) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var portal = configuration.GetSection(PortalOptions.SectionName).Get<PortalOptions>() ?? new PortalOptions();
        var directory = new DirectoryInfo(Path.Combine(portal.DataDirectoryFullPath, "keys"));
        options.XmlRepository = new FileSystemXmlRepository(directory, loggerFactory);

        // The sandbox's keys protect demo data only: it stays quiet there.
        if (portal.Mode == PortalMode.Live && string.IsNullOrWhiteSpace(configuration[DataProtectionCertificate.PathKey]))
        {
            LogKeysUnencrypted(loggerFactory.CreateLogger<DataProtectionKeysConfigurator>(), directory.FullName, DataProtectionCertificate.PathKey, DataProtectionCertificate.PasswordKey);
        }
    }

    [LoggerMessage(EventId = 2701, Level = LogLevel.Warning,
        Message = "Data Protection keys (sign-in cookies, antiforgery, environment secrets) are stored unencrypted in {Directory}: anyone who can read that folder can decrypt them. Set {PathSetting} to a .pfx certificate with an RSA private key (and {PasswordSetting}) to encrypt them at rest")]
    private static partial void LogKeysUnencrypted(ILogger logger, string directory, string pathSetting, string passwordSetting);
}
