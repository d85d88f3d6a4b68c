using System.Text.RegularExpressions;

namespace Portal.Provisioning.Environments;

/// <summary>An environment name is a DNS-1123 label: it becomes the stack name and prefixes cloud resource names.</summary>
public static partial class EnvironmentNameRules
{
    public const int MinLength = 2;

    // Shorter than DNS-1123's 63: EKS cluster and IAM role names get the environment name plus a suffix and are capped
    // at 100 and 64 characters.
    public const int MaxLength = 40;

    /// <summary>Why <paramref name="name"/> is not a valid environment name, or null when it is.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "Name is required.";
        }

        if (name.Length < MinLength || name.Length > MaxLength)
        {
            return $"Name must be {MinLength} to {MaxLength} characters long (it is {name.Length}).";
        }

        if (!Label().IsMatch(name))
        {
            return "Name must be a DNS-1123 label: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit.";
        }

        return null;
    }

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
