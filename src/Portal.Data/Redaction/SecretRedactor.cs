using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.Data.Redaction;

/// <summary>
/// <see cref="ISecretRedactor"/> over an in-memory set of values, longest first so that a secret containing another is
/// masked whole. Values shorter than <see cref="MinimumLength"/> are not registered: masking every "admin" in every
/// log line would hide more than it protects, and the parameter rules of the shipped templates ask for longer secrets.
/// </summary>
public sealed partial class SecretRedactor : ISecretRedactor
{
    public const int MinimumLength = 6;

    public const string Mask = "[secret]";

    private readonly Lock _gate = new();
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private string[] _ordered = [];

    public void Register(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        var values = new List<string> { secret, secret.Trim() };

        // Serialized JSON (event data, job results, audit details) carries the value escaped: '+' as \u002B, '"' as \".
        values.Add(JsonEncodedText.Encode(secret).ToString());
        values.Add(JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString());

        // A kubeconfig is registered whole, but a log line may quote only the credential inside it.
        foreach (Match match in Credential().Matches(secret))
        {
            values.Add(match.Groups["value"].Value);
        }

        lock (_gate)
        {
            var added = false;
            foreach (var value in values.Where(v => v.Length >= MinimumLength && v != Mask))
            {
                added |= _secrets.Add(value);
            }

            if (added)
            {
                _ordered = [.. _secrets.OrderByDescending(s => s.Length)];
            }
        }
    }

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var secrets = Volatile.Read(ref _ordered);
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    // token, client-key-data and password fields of a kubeconfig, in YAML or JSON.
    [GeneratedRegex(@"""?(token|client-key-data|password)""?\s*[:=]\s*""?(?<value>[^""\s,}]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Credential();
}
