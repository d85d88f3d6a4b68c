using System.Text.Json;

namespace Portal.Provisioning.Pulumi;

/// <summary>Reads the document <c>preview --json</c> prints (4-space indented, steps with <c>kind</c> in detailedDiff).</summary>
internal static class PreviewDocumentParser
{
    public static StackPreviewResult Parse(string standardOutput, SummaryProgress? summary)
    {
        var changes = new Dictionary<string, int>(summary?.ResourceChanges ?? new Dictionary<string, int>(), StringComparer.Ordinal);
        var steps = new List<PreviewStep>();
        var diagnostics = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(standardOutput);
        }
        catch (JsonException) when (summary is not null)
        {
            return new StackPreviewResult(changes, steps, diagnostics, CancellationOutcome.None);
        }
        catch (JsonException ex)
        {
            throw new PulumiCommandException("No summary of changes for 'preview'", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.TryGetProperty("changeSummary", out var changeSummary) && changeSummary.ValueKind == JsonValueKind.Object)
            {
                changes.Clear();
                foreach (var change in changeSummary.EnumerateObject())
                {
                    changes[change.Name] = change.Value.GetInt32();
                }
            }

            if (root.TryGetProperty("steps", out var stepArray) && stepArray.ValueKind == JsonValueKind.Array)
            {
                steps.AddRange(stepArray.EnumerateArray().Select(ReadStep));
            }

            if (root.TryGetProperty("diagnostics", out var diagnosticArray) && diagnosticArray.ValueKind == JsonValueKind.Array)
            {
                diagnostics.AddRange(diagnosticArray.EnumerateArray()
                    .Select(d => d.TryGetProperty("message", out var m) ? EngineEventParser.StripColors(m.GetString()) : ""));
            }
        }

        return new StackPreviewResult(changes, steps, diagnostics, CancellationOutcome.None);
    }

    private static PreviewStep ReadStep(JsonElement step)
    {
        var state = step.TryGetProperty("newState", out var n) && n.ValueKind == JsonValueKind.Object ? n
            : step.TryGetProperty("oldState", out var o) ? o : default;
        var type = state.ValueKind == JsonValueKind.Object && state.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        var inputs = step.TryGetProperty("newState", out var planned) && planned.ValueKind == JsonValueKind.Object
            && planned.TryGetProperty("inputs", out var i) && i.ValueKind == JsonValueKind.Object
            ? CanonicalJson.Sha256(System.Text.Json.Nodes.JsonNode.Parse(i.GetRawText()))
            : null;
        return new PreviewStep(
            step.GetProperty("op").GetString() ?? "",
            step.GetProperty("urn").GetString() ?? "",
            type,
            ReadStrings(step, "diffReasons"),
            ReadStrings(step, "replaceReasons"),
            inputs);
    }

    private static string[] ReadStrings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(v => v.GetString() ?? "")]
            : [];
}
