namespace Portal.Provisioning.Pulumi;

/// <summary>A <c>pulumi</c> command failed. Subclasses mark the failures flows act on; the message follows the SDKs'
/// <c>code: N\nstdout: …\nstderr: …</c> shape (stdout trimmed to its tail).</summary>
public class PulumiCommandException : Exception
{
    public PulumiCommandException()
    {
    }

    public PulumiCommandException(string message)
        : base(message)
    {
    }

    public PulumiCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PulumiCommandException(string command, int exitCode, string standardOutput, string standardError)
        : base($"'{command}' failed\ncode: {exitCode}\nstdout: {Tail(standardOutput)}\nstderr: {standardError}\n")
    {
        Command = command;
        ExitCode = exitCode;
        StandardError = standardError;
        Errors = [.. ErrorDiagnostics(standardOutput)];
    }

    /// <summary>The subcommand, e.g. <c>up</c> or <c>stack select</c> (never the full argv).</summary>
    public string Command { get; } = "";

    public int ExitCode { get; }

    public string StandardError { get; } = "";

    /// <summary>
    /// The resource error diagnostics the CLI printed (<c>error: …</c> lines, without its closing
    /// <c>error: update failed</c>): the reason a person needs, without the rest of the output.
    /// </summary>
    public IReadOnlyList<string> Errors { get; } = [];

    private static IEnumerable<string> ErrorDiagnostics(string output) => output
        .Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.StartsWith("error: ", StringComparison.Ordinal) && line is not ("error: update failed" or "error: preview failed" or "error: destroy failed" or "error: refresh failed"))
        .Select(line => line["error: ".Length..])
        .Distinct(StringComparer.Ordinal);

    private static string Tail(string text) => text.Length <= 2000 ? text : "…" + text[^2000..];
}
