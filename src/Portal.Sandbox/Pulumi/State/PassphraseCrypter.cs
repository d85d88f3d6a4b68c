using System.Security.Cryptography;
using System.Text;

namespace Portal.Sandbox.Pulumi;

/// <summary>AES-256-GCM with a PBKDF2-SHA256 key from the passphrase, in Pulumi's <c>v1:&lt;nonce&gt;:&lt;ciphertext&gt;</c>
/// shape. Fewer PBKDF2 iterations than the real CLI's 1,000,000 (the sandbox starts a process per command); the
/// formats match, the bytes are not meant to be compatible with the real CLI.</summary>
internal sealed class PassphraseCrypter
{
    private const int Iterations = 10_000;
    private const string CheckPlaintext = "pulumi";
    private readonly byte[] _key;

    private PassphraseCrypter(string passphrase, byte[] salt) =>
        _key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, Iterations, HashAlgorithmName.SHA256, 32);

    /// <summary>A new salt for a new stack; returns the crypter and the <c>encryptionsalt</c> to store.</summary>
    public static (PassphraseCrypter Crypter, string EncryptionSalt) Create(string passphrase)
    {
        var salt = RandomNumberGenerator.GetBytes(8);
        var crypter = new PassphraseCrypter(passphrase, salt);
        return (crypter, $"v1:{Convert.ToBase64String(salt)}:{crypter.Encrypt(CheckPlaintext)}");
    }

    /// <summary>Opens an existing stack's secrets; a wrong passphrase fails like the real CLI.</summary>
    public static PassphraseCrypter Open(string passphrase, string encryptionSalt)
    {
        var parts = encryptionSalt.Split(':', 3);
        if (parts.Length != 3 || parts[0] != "v1")
        {
            throw new CliException("bad encryption salt in the stack settings");
        }

        var crypter = new PassphraseCrypter(passphrase, Convert.FromBase64String(parts[1]));
        if (crypter.TryDecrypt(parts[2]) != CheckPlaintext)
        {
            throw new CliException(
                "incorrect passphrase, please set PULUMI_CONFIG_PASSPHRASE to the correct passphrase or set PULUMI_CONFIG_PASSPHRASE_FILE to a file containing the passphrase",
                CliExitCodes.Generic);
        }

        return crypter;
    }

    public string Encrypt(string plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var cipher = new byte[data.Length + 16];
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(nonce, data, cipher.AsSpan(0, data.Length), cipher.AsSpan(data.Length));
        return $"v1:{Convert.ToBase64String(nonce)}:{Convert.ToBase64String(cipher)}";
    }

    public string Decrypt(string ciphertext) =>
        TryDecrypt(ciphertext) ?? throw new CliException(
            "failed to decrypt: incorrect passphrase, please set PULUMI_CONFIG_PASSPHRASE to the correct passphrase or set PULUMI_CONFIG_PASSPHRASE_FILE to a file containing the passphrase");

    private string? TryDecrypt(string ciphertext)
    {
        try
        {
            var parts = ciphertext.Split(':');
            var nonce = Convert.FromBase64String(parts[1]);
            var cipher = Convert.FromBase64String(parts[2]);
            var plain = new byte[cipher.Length - 16];
            using var aes = new AesGcm(_key, 16);
            aes.Decrypt(nonce, cipher.AsSpan(0, plain.Length), cipher.AsSpan(plain.Length), plain);
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or IndexOutOfRangeException or ArgumentException)
        {
            return null;
        }
    }
}
