using System.Diagnostics;
using Portal.Data.Queries;

namespace Portal.Benchmarks;

/// <summary>
/// The audit page over a million entries: IAuditQueryService.QueryAsync (count + 50 newest rows) with each filter the
/// page offers, at random values, as a person browsing would.
/// </summary>
internal sealed class AuditQueryBenchmark : IBenchmark
{
    private const int QueriesPerFilter = 100;
    private const int PageSize = 50;

    public string Name => "audit-query";

    public string Description => $"filtered audit page ({PageSize} rows) over {MillionAuditEntries.Count:N0} entries (target p95 < 50 ms)";

    public async Task RunAsync(TextWriter report, CancellationToken cancellationToken)
    {
        await using var host = await BenchHost.StartAsync();
        var seeding = Stopwatch.StartNew();
        await MillionAuditEntries.SeedAsync(host.DatabasePath, cancellationToken);
        seeding.Stop();
        var query = host.Get<IAuditQueryService>();
        var random = new Random(7);
        var span = MillionAuditEntries.Spacing * MillionAuditEntries.Count;

        AuditFilter Window(TimeSpan length)
        {
            var from = MillionAuditEntries.Start + (span - length) * random.NextDouble();
            return new AuditFilter { From = from, To = from + length };
        }

        var filters = new (string Name, Func<AuditFilter> Next)[]
        {
            ("no filter", () => new AuditFilter()),
            ("actor", () => new AuditFilter { Actor = MillionAuditEntries.Actor(random.Next(MillionAuditEntries.Actors + 1)) }),
            ("action", () => new AuditFilter { Action = MillionAuditEntries.Action(random.Next(MillionAuditEntries.Actions)) }),
            ("environment", () => new AuditFilter { EnvironmentName = MillionAuditEntries.Environment(random.Next(MillionAuditEntries.Environments)) }),
            ("time range (1 day)", () => Window(TimeSpan.FromDays(1))),
            ("time range (30 days)", () => Window(TimeSpan.FromDays(30))),
            ("actor + 30 days", () => Window(TimeSpan.FromDays(30)) with { Actor = MillionAuditEntries.Actor(random.Next(MillionAuditEntries.Actors + 1)) }),
            ("action + environment", () => new AuditFilter
            {
                Action = MillionAuditEntries.Action(random.Next(MillionAuditEntries.Actions)),
                EnvironmentName = MillionAuditEntries.Environment(random.Next(MillionAuditEntries.Environments)),
            }),
        };

        // Warm up the connection pool, the page cache and EF's query cache.
        foreach (var (_, next) in filters)
        {
            await query.QueryAsync(next(), 0, PageSize, cancellationToken);
        }

        var all = new List<TimeSpan>();
        await ReportTable.WriteHeaderAsync(report);
        await ReportTable.WriteRowAsync(report, "seeding 1,000,000 chained entries", "", $"{seeding.Elapsed.TotalSeconds:0.0} s", null);
        foreach (var (name, next) in filters)
        {
            var samples = new List<TimeSpan>(QueriesPerFilter);
            for (var i = 0; i < QueriesPerFilter; i++)
            {
                var filter = next();
                var skip = i % 4 == 3 ? PageSize * 3 : 0;
                var started = Stopwatch.GetTimestamp();
                var page = await query.QueryAsync(filter, skip, PageSize, cancellationToken);
                samples.Add(Stopwatch.GetElapsedTime(started));
                if (page.TotalCount > 0 && page.Items.Count == 0 && skip == 0)
                {
                    throw new InvalidOperationException($"Filter {name} found {page.TotalCount} entries but returned none.");
                }
            }

            all.AddRange(samples);
            var p = new Percentiles(samples);
            await ReportTable.WriteRowAsync(report, $"{name}: p50 / p95", "", $"{p.At(50):0.0} / {p.At(95):0.0} ms", null);
        }

        var overall = new Percentiles(all);
        await ReportTable.WriteRowAsync(report, $"all filters: p95 ({overall.Count} queries)", "< 50 ms", $"{overall.At(95):0.0} ms", overall.At(95) < 50);
    }
}
