namespace Portal.Web.State;

/// <summary>
/// The gist of a job's error for an alert: a failed <c>pulumi</c> run's error carries the whole CLI output, so the
/// lines that say <c>error:</c> are shown first and the rest is one click away.
/// </summary>
public static class JobErrorSummary
{
    private const int MaxLines = 3;

    public static string Summarize(string? error)
    {
        if (string.IsNullOrWhiteSpace(error))
        {
            return "";
        }

        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = lines
            .Where(l => l.StartsWith("error:", StringComparison.OrdinalIgnoreCase) && !l.Equals("error: update failed", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxLines)
            .ToList();
        return errors.Count > 0 ? string.Join('\n', errors) : lines[0];
    }

    /// <summary>True when <see cref="Summarize"/> leaves something out.</summary>
    public static bool IsShortened(string? error) => !string.IsNullOrWhiteSpace(error) && Summarize(error).Length < error.Trim().Length;
}
