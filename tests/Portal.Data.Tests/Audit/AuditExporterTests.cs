using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Audit;
using Portal.Data.Queries;
using Portal.Data.Tests.Infrastructure;

namespace Portal.Data.Tests.Audit;

public sealed class AuditExporterTests
{
    private static readonly AuditFilter s_bobOnDev2 = new() { Actor = "bob", EnvironmentName = "dev-2" };

    [Fact]
    public async Task ExportAsync_Csv_WritesTheFilteredRowsOldestFirstInParseableCsv()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AuditSampleData.SeedAsync(database);

        var rows = await ExportCsvAsync(database, s_bobOnDev2);

        Assert.Equal(["2", "5", "8", "11"], rows.Select(r => r["sequence"]));
        Assert.All(rows, r => Assert.Equal(("bob", "dev-2"), (r["actor"], r["environment"])));
        Assert.Equal(AuditSampleData.Entries[1].DetailsJson, rows[0]["details"]);
        Assert.Equal(AuditSampleData.Start.AddHours(1), DateTimeOffset.Parse(rows[0]["time"], CultureInfo.InvariantCulture));
        Assert.All(rows, r => Assert.Equal(64, r["hash"].Length));
    }

    [Fact]
    public async Task ExportAsync_Json_WritesTheFilteredRowsOldestFirstAsAParseableArray()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AuditSampleData.SeedAsync(database);

        using var document = await ExportJsonAsync(database, s_bobOnDev2);

        var entries = document.RootElement.EnumerateArray().ToList();
        Assert.Equal([2L, 5, 8, 11], entries.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.All(entries, e => Assert.Equal("bob", e.GetProperty("actor").GetString()));
        Assert.Equal(4, entries[1].GetProperty("details").GetProperty("index").GetInt32());
        Assert.Equal(AuditSampleData.Start.AddHours(4), entries[1].GetProperty("time").GetDateTimeOffset());
        Assert.All(entries, e => Assert.Equal(64, e.GetProperty("hash").GetString()!.Length));
    }

    [Fact]
    public async Task ExportAsync_MoreEntriesThanOneBatch_WritesEveryEntryOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        const int count = 4_500;
        await using (var db = await database.CreateContextAsync())
        {
            db.AuditEntries.AddRange(Enumerable.Range(0, count).Select(i => AuditEntries.Create(details: $"{{\"n\":{i}}}")));
            await db.SaveChangesAsync();
        }

        using var document = await ExportJsonAsync(database, new AuditFilter());
        var rows = await ExportCsvAsync(database, new AuditFilter());

        var exported = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), exported.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(count, rows.Count);

        // A full export carries the chain: each entry links to the hash of the one before it.
        Assert.All(exported.Zip(exported.Skip(1)), pair =>
            Assert.Equal(pair.First.GetProperty("hash").GetString(), pair.Second.GetProperty("previousHash").GetString()));
    }

    private static async Task<List<Dictionary<string, string>>> ExportCsvAsync(TestDatabase database, AuditFilter filter)
    {
        using var output = new MemoryStream();
        await database.Services.GetRequiredService<AuditExporter>().ExportAsync(filter, AuditExportFormat.Csv, output);
        output.Position = 0;
        using var reader = new StreamReader(output);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<Dictionary<string, string>>();
        await csv.ReadAsync();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        while (await csv.ReadAsync())
        {
            rows.Add(header.ToDictionary(h => h, h => csv.GetField(h) ?? ""));
        }

        return rows;
    }

    private static async Task<JsonDocument> ExportJsonAsync(TestDatabase database, AuditFilter filter)
    {
        using var output = new MemoryStream();
        await database.Services.GetRequiredService<AuditExporter>().ExportAsync(filter, AuditExportFormat.Json, output);
        output.Position = 0;
        return await JsonDocument.ParseAsync(output);
    }
}
