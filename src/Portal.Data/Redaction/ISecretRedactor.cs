namespace Portal.Data.Redaction;

/// <summary>
/// The one place secret values are masked before anything is written: job events, job errors and results, audit
/// entries (and so their exports) and log messages all pass through it. It knows every secret this process has seen in
/// clear: the secret protector registers each value it encrypts or decrypts, and jobs register what they read.
/// </summary>
public interface ISecretRedactor
{
    /// <summary>Remembers a secret value (and, for a kubeconfig, the credentials inside it) for every later redaction.</summary>
    void Register(string? secret);

    /// <summary><paramref name="text"/> with every known secret replaced by <c>[secret]</c>.</summary>
    string Redact(string text);

    /// <summary>Like <see cref="Redact(string)"/>, passing null through.</summary>
    string? RedactOrNull(string? text) => text is null ? null : Redact(text);
}
