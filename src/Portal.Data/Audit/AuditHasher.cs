using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Portal.Data.Entities;

namespace Portal.Data.Audit;

/// <summary>
/// The hash of an audit entry: SHA-256 over a canonical form, a JSON array of every field in a fixed order
/// (time as UTC ticks so no formatting can change it), ending with the previous entry's hash. Changing any
/// field of any entry, or removing or reordering entries, breaks the chain from there on.
/// </summary>
public static class AuditHasher
{
    /// <summary>The PreviousHash of the first entry.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(AuditEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(entry.Sequence);
            writer.WriteStringValue(entry.Time.UtcTicks.ToString(CultureInfo.InvariantCulture));
            writer.WriteStringValue(entry.Actor);
            writer.WriteStringValue(entry.Action);
            writer.WriteStringValue(entry.Target);
            writer.WriteStringValue(entry.EnvironmentName);
            writer.WriteStringValue(entry.DetailsJson);
            writer.WriteStringValue(entry.Outcome);
            writer.WriteStringValue(entry.RemoteAddress);
            writer.WriteStringValue(entry.PreviousHash);
            writer.WriteEndArray();
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }
}
