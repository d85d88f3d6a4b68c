using System.Collections;
using System.Globalization;
using Portal.Data.Redaction;

namespace Portal.Web.Hosting;

/// <summary>
/// A log state or scope as structured providers read it, with every registered secret masked: the key/values of the
/// original (strings redacted; other values replaced by their redacted text only when that text held a secret, so
/// numbers and booleans keep their type), <c>{OriginalFormat}</c> included, and <see cref="ToString"/> (the message the
/// JSON console formatter writes). Values are read once, on first use.
/// </summary>
internal sealed class RedactedLogState(object? state, ISecretRedactor redactor) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private KeyValuePair<string, object?>[]? _pairs;
    private string? _text;

    public int Count => Pairs.Length;

    public KeyValuePair<string, object?> this[int index] => Pairs[index];

    private KeyValuePair<string, object?>[] Pairs => _pairs ??= state is IEnumerable<KeyValuePair<string, object?>> items
        ? [.. items.Select(i => new KeyValuePair<string, object?>(i.Key, RedactValue(i.Value, redactor)))]
        : [];

    /// <summary>A scope as providers print it: key/values wrapped, anything else as its redacted text when that differs.</summary>
    public static object? Wrap(object? scope, ISecretRedactor redactor) => scope switch
    {
        null => null,
        IEnumerable<KeyValuePair<string, object?>> => new RedactedLogState(scope, redactor),
        _ => RedactValue(scope, redactor),
    };

    public static object? RedactValue(object? value, ISecretRedactor redactor)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return redactor.Redact(text);
            case IEnumerable items and not IFormattable:
                // Providers that destructure collections would see each element.
                var elements = items.Cast<object?>().ToList();
                var redacted = elements.Select(e => RedactValue(e, redactor)).ToList();
                return redacted.SequenceEqual(elements) ? value : redacted;
            default:
                var plain = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                var masked = redactor.Redact(plain);
                return ReferenceEquals(masked, plain) || masked == plain ? value : masked;
        }
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)Pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => _text ??= redactor.Redact(state?.ToString() ?? "");
}
