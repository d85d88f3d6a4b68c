namespace Portal.Provisioning.Secrets;

/// <summary>Encrypts environment secrets before they are stored, and decrypts them for the job that needs them.</summary>
public interface ISecretProtector
{
    string Protect(string plaintext);

    /// <summary>Throws <see cref="System.Security.Cryptography.CryptographicException"/> when the key ring no longer has the key.</summary>
    string Unprotect(string protectedValue);
}
