using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Secrets;

public static class SecretServiceCollectionExtensions
{
    /// <summary>Data Protection with its key ring in the data directory, and the protector of environment secrets.</summary>
    public static IServiceCollection AddPortalSecrets(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Portal");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, DataProtectionKeysConfigurator>();
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return services;
    }
}
