using Microsoft.Extensions.Options;

namespace Portal.Provisioning.Secrets;

/// <summary>
/// Fails startup when the configured certificate cannot encrypt and decrypt the keys, naming the setting. It reports
/// what loading the certificate found when the services were registered (Data Protection needs the instance then), so
/// the file is opened once and the errors are those of the certificate actually in use.
/// </summary>
/// <param name="loadErrors">The problems <see cref="DataProtectionCertificate.Load"/> found; empty when it loaded or none is configured.</param>
public sealed class DataProtectionKeyOptionsValidator(IReadOnlyList<string> loadErrors) : IValidateOptions<DataProtectionKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, DataProtectionKeyOptions options) =>
        loadErrors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(loadErrors);
}
