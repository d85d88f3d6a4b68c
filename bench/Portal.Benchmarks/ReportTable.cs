namespace Portal.Benchmarks;

/// <summary>The Markdown rows every benchmark prints: what was measured, against which target, and whether it passed.</summary>
internal static class ReportTable
{
    public static async Task WriteHeaderAsync(TextWriter report)
    {
        await report.WriteLineAsync("| metric | target | measured | result |");
        await report.WriteLineAsync("|---|---|---|---|");
    }

    public static Task WriteRowAsync(TextWriter report, string metric, string target, string measured, bool? passed) =>
        report.WriteLineAsync($"| {metric} | {target} | {measured} | {(passed is null ? "info" : passed.Value ? "pass" : "FAIL")} |");
}
