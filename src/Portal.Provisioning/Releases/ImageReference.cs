using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Portal.Provisioning.Releases;

/// <summary>
/// A container image reference as the distribution/reference grammar defines it:
/// <c>[registry[:port]/]path[:tag][@sha256:digest]</c>. A release must name what runs, so a tag or a digest is required.
/// </summary>
/// <param name="Registry">The registry host (and port), or null for Docker Hub.</param>
/// <param name="Repository">The lowercase repository path.</param>
/// <param name="Tag">The tag, when given.</param>
/// <param name="Digest">The <c>sha256:…</c> digest, when given.</param>
public sealed partial record ImageReference(string? Registry, string Repository, string? Tag, string? Digest)
{
    private const int MaxNameLength = 255;

    public override string ToString() =>
        (Registry is null ? "" : Registry + "/") + Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong, for the field.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        error = Check(text, out var parsed);
        reference = parsed;
        return error is null;
    }

    /// <summary>The reason <paramref name="text"/> is not a releasable image reference, or null when it is one.</summary>
    public static string? Validate(string? text) => Check(text, out _);

    private static string? Check(string? text, out ImageReference? reference)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "Image is required, such as registry.example.com/team/web:1.4.2.";
        }

        if (text.Any(char.IsWhiteSpace))
        {
            return "An image reference cannot contain spaces.";
        }

        var rest = text;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                return $"Digest '{digest}' is invalid: it must be sha256: followed by 64 lowercase hex digits.";
            }
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                return $"Tag '{tag}' is invalid: up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'.";
            }
        }

        if (rest.Length == 0)
        {
            return "The repository is missing before the tag or digest.";
        }

        if (rest.Length > MaxNameLength)
        {
            return $"The repository name is {rest.Length} characters long; the limit is {MaxNameLength}.";
        }

        string? registry = null;
        var firstSlash = rest.IndexOf('/', StringComparison.Ordinal);
        if (firstSlash > 0)
        {
            var first = rest[..firstSlash];
            // distribution/reference: the first component is a registry when it looks like a host (a dot, a port, or localhost).
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" || first.Any(char.IsUpper))
            {
                if (!RegistryPattern().IsMatch(first))
                {
                    return $"Registry '{first}' is not a valid host name with an optional :port.";
                }

                registry = first;
                rest = rest[(firstSlash + 1)..];
            }
        }

        foreach (var component in rest.Split('/'))
        {
            if (component.Length == 0)
            {
                return "The repository path has an empty component (two slashes, or a slash at an end).";
            }

            if (component.Any(char.IsUpper))
            {
                return $"Repository '{rest}' must be lowercase.";
            }

            if (!PathComponentPattern().IsMatch(component))
            {
                return $"Repository component '{component}' is invalid: lowercase letters and digits, separated by '.', '_', '__' or '-'.";
            }
        }

        if (tag is null && digest is null)
        {
            return "Add a tag (such as :1.4.2) or a digest (@sha256:…): a release names exactly what runs.";
        }

        reference = new ImageReference(registry, rest, tag, digest);
        return null;
    }

    [GeneratedRegex("^sha256:[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])(\.([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]))*(:[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex RegistryPattern();

    [GeneratedRegex("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathComponentPattern();
}
