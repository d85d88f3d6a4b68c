namespace Portal.Sandbox.Pulumi;

/// <summary>A failure the CLI prints as <c>error: &lt;message&gt;</c> on stderr before exiting with <see cref="ExitCode"/>
/// (codes of the real CLI since v3.227: 1 generic, 2 invocation, 3 auth, 6 stack not found, 7 no changes expected, 8 cancelled).</summary>
internal sealed class CliException(string message, int exitCode = CliExitCodes.Generic) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

internal static class CliExitCodes
{
    public const int Generic = 1;
    public const int Invocation = 2;
    public const int Authentication = 3;
    public const int StackNotFound = 6;
    public const int NoChangesExpected = 7;
    public const int Cancelled = 8;
}
