using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Provisioning.Secrets;

/// <summary>
/// Loads the certificate of <see cref="DataProtectionKeyOptions"/>, or says what is wrong with the setting, naming it.
/// Error messages never contain the password.
/// </summary>
public static class DataProtectionCertificate
{
    public const string PathKey = DataProtectionKeyOptions.SectionName + ":" + nameof(DataProtectionKeyOptions.CertificatePath);

    public const string PasswordKey = DataProtectionKeyOptions.SectionName + ":" + nameof(DataProtectionKeyOptions.CertificatePassword);

    /// <summary>
    /// The certificate (null when none is configured), or the problems with the settings. The caller owns the
    /// certificate.
    /// </summary>
    public static (X509Certificate2? Certificate, IReadOnlyList<string> Errors) Load(DataProtectionKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return string.IsNullOrEmpty(options.CertificatePassword)
                ? (null, [])
                : (null, [$"{PasswordKey} is set but {PathKey} is not: set the path of the .pfx file the password opens, or remove the password."]);
        }

        var path = Path.GetFullPath(options.CertificatePath);
        if (!File.Exists(path))
        {
            return (null, [$"{PathKey}: there is no file at '{path}'. Give the path of a PKCS#12 (.pfx) file with an RSA certificate and its private key."]);
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }
        catch (CryptographicException ex)
        {
            // The message says what failed (a wrong password, not PKCS#12), never the password itself.
            return (null, [$"{PathKey}: '{path}' could not be opened as a PKCS#12 (.pfx) file with {PasswordKey}: {ex.Message}"]);
        }
        catch (IOException ex)
        {
            return (null, [$"{PathKey}: '{path}' could not be read: {ex.Message}"]);
        }
        catch (UnauthorizedAccessException ex)
        {
            return (null, [$"{PathKey}: '{path}' could not be read: {ex.Message}"]);
        }

        using var publicKey = certificate.GetRSAPublicKey();
        string? problem = publicKey is null
            ? $"{PathKey}: the certificate in '{path}' ({certificate.Subject}) has no RSA key; Data Protection encrypts its keys with RSA."
            : !certificate.HasPrivateKey
                ? $"{PathKey}: '{path}' holds the certificate {certificate.Subject} without its private key; the portal needs the key to read its keys back."
                : null;
        if (problem is not null)
        {
            certificate.Dispose();
            return (null, [problem]);
        }

        return (certificate, []);
    }
}
