using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;
using Portal.Data.Queries;

namespace Portal.Data.Audit;

/// <summary>
/// Writes the filtered audit log, oldest first, as CSV or JSON. Reads in keyset batches so an export of a million
/// entries streams in constant memory. Entries hold no secrets (they are redacted before they are written), and the
/// hashes are included so an export can be verified on its own.
/// </summary>
public sealed class AuditExporter(IDbContextFactory<PortalDbContext> contextFactory)
{
    private const int BatchSize = 2_000;

    public async Task ExportAsync(AuditFilter filter, AuditExportFormat format, Stream output, CancellationToken cancellationToken = default)
    {
        if (format == AuditExportFormat.Csv)
        {
            await ExportCsvAsync(filter, output, cancellationToken);
        }
        else
        {
            await ExportJsonAsync(filter, output, cancellationToken);
        }
    }

    private async Task ExportCsvAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in new[] { "sequence", "time", "actor", "action", "target", "environment", "outcome", "remoteAddress", "details", "previousHash", "hash" })
        {
            csv.WriteField(header);
        }

        await csv.NextRecordAsync();
        await foreach (var entry in ReadAsync(filter, cancellationToken))
        {
            csv.WriteField(entry.Sequence);
            csv.WriteField(entry.Time.ToString("O", CultureInfo.InvariantCulture));
            csv.WriteField(entry.Actor);
            csv.WriteField(entry.Action);
            csv.WriteField(entry.Target);
            csv.WriteField(entry.EnvironmentName);
            csv.WriteField(entry.Outcome);
            csv.WriteField(entry.RemoteAddress);
            csv.WriteField(entry.DetailsJson);
            csv.WriteField(entry.PreviousHash);
            csv.WriteField(entry.Hash);
            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }

    private async Task ExportJsonAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartArray();
        await foreach (var entry in ReadAsync(filter, cancellationToken))
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", entry.Sequence);
            json.WriteString("time", entry.Time);
            json.WriteString("actor", entry.Actor);
            json.WriteString("action", entry.Action);
            json.WriteString("target", entry.Target);
            json.WriteString("environment", entry.EnvironmentName);
            json.WriteString("outcome", entry.Outcome);
            json.WriteString("remoteAddress", entry.RemoteAddress);
            json.WritePropertyName("details");
            json.WriteRawValue(string.IsNullOrWhiteSpace(entry.DetailsJson) ? "{}" : entry.DetailsJson);
            json.WriteString("previousHash", entry.PreviousHash);
            json.WriteString("hash", entry.Hash);
            json.WriteEndObject();
            if (json.BytesPending > 64 * 1024)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    private async IAsyncEnumerable<AuditEntry> ReadAsync(AuditFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0L;
        while (true)
        {
            List<AuditEntry> batch;
            await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
            {
                var last = after;
                batch = await AuditQueryService.Apply(context.AuditEntries.AsNoTracking(), filter)
                    .Where(a => a.Sequence > last)
                    .OrderBy(a => a.Sequence)
                    .Take(BatchSize)
                    .ToListAsync(cancellationToken);
            }

            foreach (var entry in batch)
            {
                yield return entry;
            }

            if (batch.Count < BatchSize)
            {
                yield break;
            }

            after = batch[^1].Sequence;
        }
    }
}
