using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Benchmarks;

/// <summary>Audit entries appended one per transaction through EF and the chain interceptor, as the app writes them.</summary>
internal sealed class AuditAppendBenchmark : IBenchmark
{
    // Long enough for tiered JIT to finish (the first few thousand saves cost twice the CPU of later ones).
    private const int Warmup = 5_000;
    private const int Entries = 10_000;

    public string Name => "audit-append";

    public string Description => $"{Entries:N0} audit entries appended one per transaction (target >= 2,000/s)";

    public async Task RunAsync(TextWriter report, CancellationToken cancellationToken)
    {
        await using var host = await BenchHost.StartAsync();
        var contexts = host.Get<IDbContextFactory<PortalDbContext>>();
        Stopwatch? stopwatch = null;
        var cpuBefore = TimeSpan.Zero;
        for (var i = 0; i < Warmup + Entries; i++)
        {
            if (i == Warmup)
            {
                stopwatch = Stopwatch.StartNew();
                cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.AuditEntries.Add(new AuditEntry
            {
                Actor = "bench",
                Action = "environment.update",
                Target = "environment/dev-1",
                EnvironmentName = "dev-1",
                DetailsJson = $"{{\"i\":{i}}}",
                Outcome = "succeeded",
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        var rate = Entries / stopwatch!.Elapsed.TotalSeconds;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await ReportTable.WriteHeaderAsync(report);
        await ReportTable.WriteRowAsync(report, "append rate", ">= 2,000/s", $"{rate:N0}/s ({stopwatch.Elapsed.TotalMilliseconds / Entries:0.000} ms each)", rate >= 2_000);
        await ReportTable.WriteRowAsync(report, "process CPU time per append (all threads)", "", $"{cpu.TotalMilliseconds / Entries:0.000} ms", null);
    }
}
