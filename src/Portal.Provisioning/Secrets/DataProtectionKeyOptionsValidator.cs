using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Secrets;

/// <summary>Fails startup when the configured certificate cannot encrypt and decrypt the keys, naming the setting.</summary>
public sealed class DataProtectionKeyOptionsValidator : IValidateOptions<DataProtectionKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, DataProtectionKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (certificate, errors) = DataProtectionCertificate.Load(options);
        certificate?.Dispose();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
