using System.Text.RegularExpressions;

namespace Portal.Sandbox.Pulumi;

/// <summary>Stack references and name validation as the DIY backend does them.</summary>
internal static partial class StackNames
{
    public static string Parse(string reference, string project)
    {
        var parts = reference.Split('/');
        string stack;
        switch (parts.Length)
        {
            case 1:
                stack = parts[0];
                break;
            case 2 or 3:
                if (parts[0] != "organization")
                {
                    throw new CliException("organization name must be 'organization'");
                }

                if (parts.Length == 3 && parts[1] != project)
                {
                    throw new CliException($"provided project name \"{parts[1]}\" doesn't match Pulumi.yaml");
                }

                stack = parts[^1];
                break;
            default:
                throw new CliException($"could not parse stack reference '{reference}'");
        }

        Validate(stack);
        return stack;
    }

    public static void Validate(string stack)
    {
        if (stack.Length == 0)
        {
            throw new CliException("a stack name may not be empty");
        }

        if (stack.Length > 100)
        {
            throw new CliException("a stack name cannot exceed 100 characters");
        }

        var invalid = InvalidCharacter().Match(stack);
        if (invalid.Success)
        {
            throw new CliException(
                $"a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character '{invalid.Value}' at position {invalid.Index}");
        }
    }

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex InvalidCharacter();
}
