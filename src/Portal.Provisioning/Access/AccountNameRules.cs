using System.Text.RegularExpressions;

namespace Portal.Provisioning.Access;

/// <summary>
/// What a user name may be: letters, digits and <c>.-_@</c>, 2 to 100 characters, and none of the names the portal
/// itself acts or records under (<see cref="ReservedNames"/>), so no account can pass for them in the audit log.
/// </summary>
public static partial class AccountNameRules
{
    /// <summary>The bootstrap token's actor, startup's actor, and the actor of a request nobody is signed in to.</summary>
    public static IReadOnlyList<string> ReservedNames { get; } = ["bootstrap", "system", "anonymous"];

    /// <summary>The problem with <paramref name="name"/>, or null when it is fine.</summary>
    public static string? Validate(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Name is required."
        : !NamePattern().IsMatch(name) ? "Use 2 to 100 letters, digits, '.', '-', '_' or '@', starting with a letter or digit."
        : ReservedNames.Contains(name, StringComparer.OrdinalIgnoreCase) ? $"'{name}' is reserved for the portal itself; choose another name."
        : null;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._@-]{1,99}$")]
    private static partial Regex NamePattern();
}
