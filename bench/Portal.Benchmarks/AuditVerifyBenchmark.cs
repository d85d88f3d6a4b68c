using Portal.Data.Audit;

namespace Portal.Benchmarks;

/// <summary>AuditChainVerifier walking a million chained entries end to end.</summary>
internal sealed class AuditVerifyBenchmark : IBenchmark
{
    public string Name => "audit-verify";

    public string Description => $"chain verification of {MillionAuditEntries.Count:N0} entries (target < 15 s)";

    public async Task RunAsync(TextWriter report, CancellationToken cancellationToken)
    {
        await using var host = await BenchHost.StartAsync();
        await MillionAuditEntries.SeedAsync(host.DatabasePath, cancellationToken);

        var result = await host.Get<AuditChainVerifier>().VerifyAsync(cancellationToken);

        var passed = result.IsValid && result.EntriesChecked == MillionAuditEntries.Count && result.Duration < TimeSpan.FromSeconds(15);
        await ReportTable.WriteHeaderAsync(report);
        await ReportTable.WriteRowAsync(report, "entries checked, chain valid", $"{MillionAuditEntries.Count:N0}, valid", $"{result.EntriesChecked:N0}, {(result.IsValid ? "valid" : "BROKEN at " + result.FirstBrokenSequence)}", result.IsValid && result.EntriesChecked == MillionAuditEntries.Count);
        await ReportTable.WriteRowAsync(report, "verification time", "< 15 s", $"{result.Duration.TotalSeconds:0.00} s ({MillionAuditEntries.Count / result.Duration.TotalSeconds:N0} entries/s)", passed);
    }
}
