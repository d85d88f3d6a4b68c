using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Secrets;

public static class DataProtectionKeyEncryptionExtensions
{
    /// <summary>
    /// The <c>DataProtection</c> section: with <c>DataProtection:CertificatePath</c>, new Data Protection keys are
    /// written encrypted with that certificate (and it decrypts them). The certificate is loaded here, because Data
    /// Protection takes it as an instance; a missing or unusable one fails startup naming the setting.
    /// </summary>
    public static IHostApplicationBuilder AddPortalKeyEncryption(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(DataProtectionKeyOptions.SectionName).Get<DataProtectionKeyOptions>() ?? new DataProtectionKeyOptions();
        var (certificate, errors) = DataProtectionCertificate.Load(options);
        builder.Services.AddOptions<DataProtectionKeyOptions>().BindConfiguration(DataProtectionKeyOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DataProtectionKeyOptions>>(new DataProtectionKeyOptionsValidator(errors));
        if (certificate is not null)
        {
            builder.Services.AddDataProtection().ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        else if (errors.Count > 0)
        {
            // Startup validation reports these with every other problem. Should anything read the key ring before it,
            // that fails with the same errors rather than write a key in clear.
            builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(new ConfigureOptions<KeyManagementOptions>(_ =>
                throw new OptionsValidationException(DataProtectionKeyOptions.SectionName, typeof(DataProtectionKeyOptions), errors)));
        }

        return builder;
    }
}
