using System.Text.RegularExpressions;

namespace Portal.Provisioning.Templates;

/// <summary>RFC 1123 labels, as Kubernetes names namespaces and as the portal names templates and environments.</summary>
internal static partial class DnsLabel
{
    public const int MaxLength = 63;

    public const string Description = "a DNS-1123 label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)";

    public static bool IsValid(string? value) => value is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
