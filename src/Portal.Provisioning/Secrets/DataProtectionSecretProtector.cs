using Microsoft.AspNetCore.DataProtection;

namespace Portal.Provisioning.Secrets;

/// <summary><see cref="ISecretProtector"/> over ASP.NET Core Data Protection, whose keys live in the data directory
/// (<see cref="DataProtectionKeysConfigurator"/>): a copy of the database alone reveals nothing.</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    // Versioned purpose: a future format gets its own purpose instead of misreading old payloads.
    private readonly IDataProtector _protector = provider.CreateProtector("Portal.EnvironmentSecrets.v1");

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedValue) => _protector.Unprotect(protectedValue);
}
