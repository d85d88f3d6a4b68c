using Microsoft.AspNetCore.DataProtection;
using Portal.Data.Redaction;

namespace Portal.Provisioning.Secrets;

/// <summary><see cref="ISecretProtector"/> over ASP.NET Core Data Protection, whose keys live in the data directory
/// (<see cref="DataProtectionKeysConfigurator"/>): a copy of the database alone reveals nothing. Each value it encrypts or
/// decrypts is registered with the <see cref="ISecretRedactor"/>.</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider, ISecretRedactor redactor) : ISecretProtector
{
    // Versioned purpose: a future format gets its own purpose instead of misreading old payloads.
    private readonly IDataProtector _protector = provider.CreateProtector("Portal.EnvironmentSecrets.v1");

    // Every value seen in clear is known to the redactor from then on: whatever later quotes it is masked.
    public string Protect(string plaintext)
    {
        redactor.Register(plaintext);
        return _protector.Protect(plaintext);
    }

    public string Unprotect(string protectedValue)
    {
        var plaintext = _protector.Unprotect(protectedValue);
        redactor.Register(plaintext);
        return plaintext;
    }
}
