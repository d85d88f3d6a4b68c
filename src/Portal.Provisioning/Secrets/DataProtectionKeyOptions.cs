namespace Portal.Provisioning.Secrets;

/// <summary>
/// The <c>DataProtection</c> section: an optional certificate that encrypts the Data Protection keys (cookies,
/// antiforgery, environment secrets) where they rest in the data directory. Without one they are written unencrypted.
/// </summary>
public sealed class DataProtectionKeyOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with an RSA certificate and its private key; relative paths are from the working directory.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one. A secret: never logged or shown.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Masks the password, so the options are safe to print.</summary>
    public override string ToString() =>
        $"{nameof(DataProtectionKeyOptions)} {{ {nameof(CertificatePath)} = {CertificatePath}, {nameof(CertificatePassword)} = {(CertificatePassword is null ? "(none)" : "***")} }}";
}
