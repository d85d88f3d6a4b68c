using System.Text.RegularExpressions;

namespace Portal.Provisioning.Access;

/// <summary>What a user name may be: letters, digits and <c>.-_@</c>, 2 to 100 characters.</summary>
public static partial class AccountNameRules
{
    /// <summary>The problem with <paramref name="name"/>, or null when it is fine.</summary>
    public static string? Validate(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Name is required."
        : !NamePattern().IsMatch(name) ? "Use 2 to 100 letters, digits, '.', '-', '_' or '@', starting with a letter or digit."
        : null;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._@-]{1,99}$")]
    private static partial Regex NamePattern();
}
