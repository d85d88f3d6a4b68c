using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Portal.Sandbox.Pulumi.Providers;

namespace Portal.Sandbox.Pulumi;

/// <summary><c>preview</c>, <c>up</c>, <c>refresh</c>, <c>destroy</c>: lock, run the engine, record history, exit like the real CLI.</summary>
internal static class UpdateCommand
{
    /// <summary>Config values as the providers read them: plain text by full key (<c>aws:region</c>).</summary>
    private static Func<string, string?> ConfigText(IReadOnlyDictionary<string, JsonNode?> config) =>
        key => config.TryGetValue(key, out var value) && SecretValues.Reveal(value) is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    public static async Task<int> RunAsync(SandboxContext context, string command, SandboxProviderRegistry providers)
    {
        var isPreview = command == "preview" || context.Args.Has("preview-only");
        if (!isPreview && !context.Args.Has("yes") && !context.Args.Has("skip-preview"))
        {
            throw new CliException("--yes or --skip-preview or --preview-only must be passed in to proceed when running in non-interactive mode", CliExitCodes.Invocation);
        }

        var kind = command switch { "up" or "preview" => "update", _ => command };
        var project = context.LoadProject();
        var stack = context.ResolveStack(project);
        var store = new StateStore(context, project, stack);
        // Trap signals before taking the lock: a SIGINT must never kill the process while it holds the lock.
        using var signals = new SignalRelay();
        using var stackLock = isPreview ? null : StackLock.Acquire(context.Backend.LockDirectory(project.Name, stack));

        var program = YamlProgram.Parse(project);
        var settings = store.Settings;
        var rawConfig = new StackConfig(context, project, settings).Resolve(decrypt: true);
        context.GetCrypter(settings, createIfMissing: false);
        var jsonPreview = isPreview && context.Args.Has("json");
        using var events = new EventLogWriter(context.Args.Get("event-log"));
        var display = new UpdateDisplay(context.Out, isPreview);
        if (!jsonPreview)
        {
            events.Written += display.OnEvent;
            context.Out.WriteLine(isPreview ? $"Previewing {kind} ({stack}):" : $"{Verb(kind)} ({stack}):");
        }

        IReadOnlyDictionary<string, JsonNode?> config;
        var startTime = DateTimeOffset.UtcNow;
        try
        {
            config = kind == "update" ? program.ResolveConfig(project.Name, stack, rawConfig) : rawConfig;
        }
        catch (CliException ex)
        {
            // Program errors happen inside the engine for the real CLI: they show up as diagnostics and a failed summary.
            config = rawConfig;
            events.Write("preludeEvent", new JsonObject { ["config"] = new JsonObject() });
            events.Write("diagnosticEvent", new JsonObject { ["prefix"] = "<{%fg 1%}>error: <{%reset%}>", ["message"] = ex.Message + "\n", ["color"] = "raw", ["severity"] = "error" });
            events.Write("summaryEvent", new JsonObject { ["maybeCorrupt"] = false, ["durationSeconds"] = 0, ["resourceChanges"] = new JsonObject(), ["PolicyPacks"] = new JsonObject(), ["isPreview"] = isPreview, ["result"] = "failed" });
            events.Write("cancelEvent", []);
            return 1;
        }

        using var engine = new DeploymentEngine(
            new EngineRequest(kind, isPreview, project, stack, store, program, config, providers, new SandboxProviderContext(context.Speed, context.Environment, ConfigText(config)), events)
            {
                Targets = context.Args.GetAll("target").ToHashSet(StringComparer.Ordinal),
            },
            store.Load());
        signals.Attach(engine.Signal);
        var result = await engine.RunAsync();

        if (jsonPreview)
        {
            context.Out.Write(JsonText.Pretty4(PreviewDocument(config, result)));
        }
        else
        {
            display.Summary(result.Changes, result.Outputs, result.Duration);
        }

        if (!isPreview)
        {
            store.Backend.AppendHistory(project.Name, stack, HistoryEntry(context, kind, startTime, rawConfig, result, store), store.Backend.ReadDeployment(project.Name, stack));
        }

        return ExitCode(context, kind, isPreview, result);
    }

    private static int ExitCode(SandboxContext context, string kind, bool isPreview, EngineResult result)
    {
        if (result.Result == "canceled")
        {
            context.Error.WriteLine($"error: {kind} cancelled");
            return CliExitCodes.Cancelled;
        }

        if (result.Result == "failed")
        {
            // A bail: the failure is already in the diagnostics, no extra stderr line.
            return CliExitCodes.Generic;
        }

        var changed = result.Changes.Any(c => c.Value > 0 && c.Key is not ("same" or "read" or "discard" or "read-replacement"));
        if (context.Args.Has("expect-no-changes") && changed)
        {
            context.Error.WriteLine($"error: no changes were expected for {(isPreview ? "preview" : kind)} but changes were proposed");
            return CliExitCodes.NoChangesExpected;
        }

        return 0;
    }

    private static string Verb(string kind) => kind switch
    {
        "destroy" => "Destroying",
        "refresh" => "Refreshing",
        _ => "Updating",
    };

    private static JsonObject PreviewDocument(IReadOnlyDictionary<string, JsonNode?> config, EngineResult result)
    {
        var document = new JsonObject();
        var shownConfig = new JsonObject(config.Where(c => c.Key.Contains(':', StringComparison.Ordinal)).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => KeyValuePair.Create(c.Key, SecretValues.Mask(c.Value))));
        if (shownConfig.Count > 0)
        {
            document["config"] = shownConfig;
        }

        if (result.Steps.Count > 0)
        {
            document["steps"] = new JsonArray([.. result.Steps.Select(s => s.DeepClone())]);
        }

        if (result.Diagnostics.Count > 0)
        {
            document["diagnostics"] = new JsonArray([.. result.Diagnostics.Select(d =>
            {
                var message = System.Text.RegularExpressions.Regex.Replace(d["prefix"]?.GetValue<string>() + d["message"]?.GetValue<string>(), @"<\{%[^%]*%\}>", "");
                var diagnostic = new JsonObject();
                if (d["urn"] is { } urn)
                {
                    diagnostic["urn"] = urn.DeepClone();
                }

                diagnostic["message"] = message;
                diagnostic["severity"] = d["severity"]!.DeepClone();
                return (JsonNode)diagnostic;
            })]);
        }

        document["duration"] = (long)(result.Duration.TotalMilliseconds * 1_000_000);
        document["changeSummary"] = new JsonObject(result.Changes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));
        return document;
    }

    private static JsonObject HistoryEntry(SandboxContext context, string kind, DateTimeOffset started, IReadOnlyDictionary<string, JsonNode?> config, EngineResult result, StateStore store)
    {
        var configJson = new JsonObject();
        foreach (var (key, value) in config.Where(c => c.Key.Contains(':', StringComparison.Ordinal)))
        {
            configJson[key] = SecretValues.ContainsSecret(value)
                ? new JsonObject { ["ciphertext"] = store.Encrypt(SecretValues.Wrap(value))!["ciphertext"]!.DeepClone(), ["secret"] = true }
                : new JsonObject { ["value"] = SecretValues.Reveal(value) is JsonValue v && v.TryGetValue<string>(out var s) ? s : JsonText.Compact(value), ["secret"] = false };
        }

        return new JsonObject
        {
            ["version"] = 0,
            ["kind"] = kind,
            ["startTime"] = JsonText.Time(started),
            ["message"] = context.Args.Get("message") ?? "",
            ["environment"] = new JsonObject
            {
                ["exec.kind"] = context.Args.Get("exec-kind") ?? "cli",
                ["pulumi.arch"] = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64",
                ["pulumi.os"] = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "linux",
                ["pulumi.version"] = DeploymentState.CliVersion,
                ["updatePlan"] = "false",
            },
            ["config"] = configJson,
            ["result"] = result.Result == "canceled" ? "failed" : result.Result,
            ["endTime"] = JsonText.Time(DateTimeOffset.UtcNow),
            ["resourceChanges"] = new JsonObject(result.Changes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
        };
    }
}
