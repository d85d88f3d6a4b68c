using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>The human-readable progress the CLI prints on stdout (not with <c>--json</c>), fed by the event stream.</summary>
internal sealed class UpdateDisplay(TextWriter output, bool isPreview)
{
    private readonly Dictionary<string, long> _started = new(StringComparer.Ordinal);

    public void OnEvent(string kind, JsonObject payload)
    {
        switch (kind)
        {
            case "resourcePreEvent":
                Resource(payload, started: true);
                break;
            case "resOutputsEvent":
                Resource(payload, started: false);
                break;
            case "resOpFailedEvent":
                var failed = payload["metadata"]!;
                output.WriteLine($" {Symbol(Op(failed))}  {failed["type"]} {Name(failed)} **{Op(failed)} failed**");
                break;
            case "diagnosticEvent":
            case "stdoutEvent":
                var text = Strip((payload["prefix"]?.GetValue<string>() ?? "") + payload["message"]?.GetValue<string>());
                output.Write(text.EndsWith('\n') ? "    " + text : "    " + text + "\n");
                break;
        }

        output.Flush();
    }

    public void Summary(IReadOnlyDictionary<string, int> changes, JsonObject? outputs, TimeSpan duration)
    {
        if (outputs is { Count: > 0 })
        {
            output.WriteLine("\nOutputs:");
            foreach (var (name, value) in SecretValues.Mask(outputs)!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"    {name}: {JsonText.Compact(value)}");
            }
        }

        output.WriteLine("\nResources:");
        foreach (var (op, count) in changes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine(op == "same" ? $"    {count} unchanged" : $"    {Symbol(op)} {count} {(isPreview ? "to " + op : Past(op))}");
        }

        output.WriteLine($"\nDuration: {(int)Math.Ceiling(duration.TotalSeconds)}s");
        output.Flush();
    }

    private void Resource(JsonObject payload, bool started)
    {
        var metadata = payload["metadata"]!;
        var op = Op(metadata);
        if (op == "same")
        {
            return;
        }

        var urn = metadata["urn"]!.GetValue<string>();
        if (started)
        {
            _started[urn + op] = Stopwatch.GetTimestamp();
            output.WriteLine($" {Symbol(op)}  {metadata["type"]} {Name(metadata)} {(isPreview ? op : Progressive(op))}");
            return;
        }

        if (!isPreview)
        {
            var elapsed = _started.TryGetValue(urn + op, out var t) ? Stopwatch.GetElapsedTime(t).TotalSeconds : 0;
            output.WriteLine($" {Symbol(op)}  {metadata["type"]} {Name(metadata)} {Past(op)} ({elapsed:0}s)");
        }
    }

    private static string Op(JsonNode metadata) => metadata["op"]!.GetValue<string>();

    private static string Name(JsonNode metadata) => new ResourceState { Urn = metadata["urn"]!.GetValue<string>(), Type = "" }.Name;

    private static string Symbol(string op) => op switch
    {
        "create" or "create-replacement" => "+",
        "delete" or "delete-replaced" => "-",
        "replace" => "+-",
        "update" or "refresh" => "~",
        _ => " ",
    };

    private static string Progressive(string op) => op switch
    {
        "create" => "creating",
        "update" => "updating",
        "delete" => "deleting",
        "replace" => "replacing",
        "create-replacement" => "creating replacement",
        "delete-replaced" => "deleting original",
        "refresh" => "refreshing",
        _ => op,
    };

    private static string Past(string op) => op switch
    {
        "create" => "created",
        "update" => "updated",
        "delete" => "deleted",
        "replace" => "replaced",
        "create-replacement" => "created replacement",
        "delete-replaced" => "deleted original",
        "refresh" => "refreshed",
        _ => op,
    };

    private static string Strip(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"<\{%[^%]*%\}>", "");
}
