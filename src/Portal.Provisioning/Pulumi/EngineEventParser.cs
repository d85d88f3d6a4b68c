using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.Provisioning.Pulumi;

/// <summary>Turns one event-log line (<c>{"sequence":n,"timestamp":s,"&lt;kind&gt;":{…}}</c>) into typed progress.
/// Unknown event kinds are ignored, invalid lines become <see cref="MalformedEventProgress"/>.</summary>
internal static partial class EngineEventParser
{
    /// <summary>Parses a line. <paramref name="endOfStream"/> is true for <c>cancelEvent</c>, the engine's last event.</summary>
    public static StackProgress? Parse(string line, TimeProvider time, out bool endOfStream)
    {
        endOfStream = false;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new MalformedEventProgress(time.GetUtcNow(), line, "not a JSON object");
            }

            var sequence = root.TryGetProperty("sequence", out var s) && s.TryGetInt64(out var n) ? n : -1;
            var timestamp = root.TryGetProperty("timestamp", out var t) && t.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : time.GetUtcNow();
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "cancelEvent":
                        endOfStream = true;
                        return null;
                    case "preludeEvent":
                        return new PreludeProgress(sequence, timestamp, ReadStringMap(property.Value, "config"));
                    case "summaryEvent":
                        return ReadSummary(property.Value, sequence, timestamp);
                    case "diagnosticEvent":
                        return new DiagnosticProgress(
                            sequence,
                            timestamp,
                            GetString(property.Value, "severity") ?? "info",
                            StripColors(GetString(property.Value, "prefix") + GetString(property.Value, "message")),
                            GetString(property.Value, "urn"));
                    case "stdoutEvent":
                        return new DiagnosticProgress(sequence, timestamp, "stdout", StripColors(GetString(property.Value, "message") ?? ""), null);
                    case "resourcePreEvent":
                        return ReadResource(property.Value, ResourceEventPhase.Started, sequence, timestamp);
                    case "resOutputsEvent":
                        return ReadResource(property.Value, ResourceEventPhase.Completed, sequence, timestamp);
                    case "resOpFailedEvent":
                        return ReadResource(property.Value, ResourceEventPhase.Failed, sequence, timestamp);
                    default:
                        continue;
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException)
        {
            return new MalformedEventProgress(time.GetUtcNow(), line, ex.Message);
        }
    }

    /// <summary>Removes Pulumi's <c>&lt;{%fg 3%}&gt;</c> color directives and ANSI escapes.</summary>
    public static string StripColors(string? text) => text is null ? "" : ColorDirective().Replace(text, "");

    private static SummaryProgress ReadSummary(JsonElement summary, long sequence, DateTimeOffset timestamp)
    {
        var changes = new Dictionary<string, int>(StringComparer.Ordinal);
        if (summary.TryGetProperty("resourceChanges", out var rc) && rc.ValueKind == JsonValueKind.Object)
        {
            foreach (var change in rc.EnumerateObject())
            {
                changes[change.Name] = change.Value.GetInt32();
            }
        }

        var duration = summary.TryGetProperty("durationSeconds", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt32() : 0;
        var isPreview = summary.TryGetProperty("isPreview", out var p) && p.ValueKind == JsonValueKind.True;
        return new SummaryProgress(sequence, timestamp, changes, duration, isPreview, GetString(summary, "result"));
    }

    private static ResourceProgress ReadResource(JsonElement payload, ResourceEventPhase phase, long sequence, DateTimeOffset timestamp)
    {
        var metadata = payload.GetProperty("metadata");
        var urn = GetString(metadata, "urn") ?? "";
        var separator = urn.LastIndexOf("::", StringComparison.Ordinal);
        return new ResourceProgress(
            sequence,
            timestamp,
            phase,
            GetString(metadata, "op") ?? "unknown",
            urn,
            GetString(metadata, "type") ?? "",
            separator >= 0 ? urn[(separator + 2)..] : urn,
            payload.TryGetProperty("planning", out var planning) && planning.ValueKind == JsonValueKind.True,
            ReadStrings(metadata, "diffs"),
            ReadStrings(metadata, "keys"));
    }

    private static Dictionary<string, string> ReadStringMap(JsonElement element, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in value.EnumerateObject())
            {
                // The prelude already blinds secrets to "[secret]"; anything else non-string is shown as JSON.
                map[entry.Name] = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : entry.Value.GetRawText();
            }
        }

        return map;
    }

    private static string[] ReadStrings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(v => v.GetString() ?? "")]
            : [];

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"<\{%[^%]*%\}>|\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex ColorDirective();
}
