using System.Text.RegularExpressions;

namespace Portal.Provisioning.Pulumi;

/// <summary>Maps a failed command to a typed exception: stderr text first, in the SDKs' order (it works with every CLI
/// version), then the exit codes CLIs since v3.227 return.</summary>
internal static partial class PulumiErrorClassifier
{
    public const int ExitCodeAuthentication = 3;
    public const int ExitCodeStackNotFound = 6;
    public const int ExitCodeNoChangesExpected = 7;
    public const int ExitCodeCancelled = 8;

    public static PulumiCommandException Classify(string command, int exitCode, string standardOutput, string standardError)
    {
        if (StackNotFound().IsMatch(standardError))
        {
            return new StackNotFoundException(command, exitCode, standardOutput, standardError);
        }

        if (StackAlreadyExists().IsMatch(standardError))
        {
            return new StackAlreadyExistsException(command, exitCode, standardOutput, standardError);
        }

        if (standardError.Contains("[409] Conflict: Another update is currently in progress.", StringComparison.Ordinal)
            || standardError.Contains("the stack is currently locked by", StringComparison.Ordinal))
        {
            return new ConcurrentUpdateException(command, exitCode, standardOutput, standardError);
        }

        if (standardError.Contains("no changes were expected", StringComparison.Ordinal))
        {
            return new NoChangesExpectedException(command, exitCode, standardOutput, standardError);
        }

        if (standardError.Contains("incorrect passphrase", StringComparison.Ordinal)
            || standardError.Contains("passphrase must be set", StringComparison.Ordinal))
        {
            return new PulumiAuthenticationException(command, exitCode, standardOutput, standardError);
        }

        return exitCode switch
        {
            ExitCodeStackNotFound => new StackNotFoundException(command, exitCode, standardOutput, standardError),
            ExitCodeNoChangesExpected => new NoChangesExpectedException(command, exitCode, standardOutput, standardError),
            ExitCodeAuthentication => new PulumiAuthenticationException(command, exitCode, standardOutput, standardError),
            _ => new PulumiCommandException(command, exitCode, standardOutput, standardError),
        };
    }

    [GeneratedRegex("no stack named.*found")]
    private static partial Regex StackNotFound();

    [GeneratedRegex("stack.*already exists")]
    private static partial Regex StackAlreadyExists();
}
