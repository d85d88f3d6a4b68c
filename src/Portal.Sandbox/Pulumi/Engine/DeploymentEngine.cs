using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>Runs one preview, update, refresh or destroy: walks the program's resources in dependency order (independent
/// ones in parallel), diffs them against the saved state, calls the simulated providers, saves the checkpoint after every
/// step (with pending operations while a step is in flight) and writes the engine event log.</summary>
internal sealed partial class DeploymentEngine : IDisposable
{
    private readonly EngineRequest _request;
    private readonly DeploymentState _live;
    private readonly Dictionary<string, ResourceState> _old;
    private readonly ConcurrentDictionary<string, int> _changes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ResourceState> _done = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonNode?> _variables = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _steps = [];
    private readonly List<JsonObject> _diagnostics = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _graceful = new();
    private readonly CancellationTokenSource _terminate = new();
    private readonly FailureInjection _failures;
    private readonly HashSet<string> _drifted;
    private volatile bool _failed;
    private int _signals;

    public DeploymentEngine(EngineRequest request, DeploymentState state)
    {
        _request = request;
        _live = state;
        _old = state.Resources.ToDictionary(r => r.Urn, r => r.Clone(), StringComparer.Ordinal);
        _drifted = (request.Config.TryGetValue(FailureInjection.DriftConfigKey, out var drift) ? SecretValues.Reveal(drift)?.ToString() ?? "" : "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        _failures = new FailureInjection(request.Config.TryGetValue(FailureInjection.ConfigKey, out var fail) ? SecretValues.Reveal(fail)?.ToString() : null);
    }

    public void Dispose()
    {
        _graceful.Dispose();
        _terminate.Dispose();
    }

    private string StackUrn => Urns.Stack(_request.Stack, _request.Project.Name);

    private bool IsPreview => _request.IsPreview;

    /// <summary>SIGINT/SIGTERM: the first cancels gracefully (no new steps), the second terminates in-flight ones.</summary>
    public void Signal(string name)
    {
        var count = Interlocked.Increment(ref _signals);
        if (count == 1)
        {
            var message = name == "SIGTERM"
                ? "SIGTERM received; cancelling. If you would like to terminate immediately, send SIGTERM again.\n"
                : "^C received; cancelling. If you would like to terminate immediately, press ^C again.\n";
            if (!IsPreview)
            {
                message += "<{%fg 9%}>Note that terminating immediately may lead to orphaned resources and other inconsistencies.\n<{%reset%}>";
            }

            _request.Events.Write("stdoutEvent", new JsonObject { ["message"] = message, ["color"] = "always" });
            _graceful.Cancel();
            return;
        }

        _request.Events.Write("stdoutEvent", new JsonObject { ["message"] = "<{%fg 9%}>^C received; terminating<{%reset%}>", ["color"] = "always" });
        _terminate.Cancel();
    }

    public async Task<EngineResult> RunAsync()
    {
        var started = Stopwatch.GetTimestamp();
        _request.Events.Write("preludeEvent", new JsonObject { ["config"] = PreludeConfig() });
        JsonObject? outputs = null;
        try
        {
            ClearPendingOperations();
            switch (_request.Kind)
            {
                case "destroy":
                    await DestroyAsync();
                    break;
                case "refresh":
                    await RefreshAsync();
                    break;
                default:
                    outputs = await UpdateAsync();
                    break;
            }
        }
        catch (CliException ex)
        {
            Diagnostic("error", ex.Message + "\n", null);
            _failed = true;
        }

        var result = _graceful.IsCancellationRequested ? "canceled" : _failed ? "failed" : "succeeded";
        if (result == "failed")
        {
            Diagnostic("error", $"{(IsPreview ? "preview" : _request.Kind)} failed\n", null);
        }

        var duration = Stopwatch.GetElapsedTime(started);
        var changes = _changes.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        _request.Events.Write("summaryEvent", new JsonObject
        {
            ["maybeCorrupt"] = false,
            ["durationSeconds"] = (int)Math.Ceiling(duration.TotalSeconds),
            ["resourceChanges"] = new JsonObject(changes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
            ["PolicyPacks"] = new JsonObject(),
            ["isPreview"] = IsPreview,
            ["result"] = result,
        });
        _request.Events.Write("cancelEvent", []);
        return new EngineResult(result, changes, duration, outputs, _steps, _diagnostics);
    }

    private void ClearPendingOperations()
    {
        if (_live.PendingOperations.Count == 0 || IsPreview)
        {
            return;
        }

        var lines = string.Join("", _live.PendingOperations.Select(p => $"  * {p.Resource.Urn}, interrupted while {p.Type}\n"));
        Diagnostic("warning", $"<{{%reset%}}>Attempting to deploy or update resources with {_live.PendingOperations.Count} pending operations from previous deployment.\n{lines}<{{%reset%}}>\n", null);
        _live.PendingOperations.Clear();
        Save();
    }

    private JsonObject PreludeConfig() => new(_request.Config
        .Where(c => c.Key.Contains(':', StringComparison.Ordinal))
        .Select(c => KeyValuePair.Create(c.Key, (JsonNode?)JsonValue.Create(SecretValues.ContainsSecret(c.Value)
            ? SecretValues.Placeholder
            : SecretValues.Reveal(c.Value) is JsonValue v && v.TryGetValue<string>(out var s) ? s : JsonText.Compact(c.Value)))));

    private void Count(string op) => _changes.AddOrUpdate(op, 1, (_, n) => n + 1);

    private void Diagnostic(string severity, string message, string? urn)
    {
        var payload = new JsonObject();
        if (urn is not null)
        {
            payload["urn"] = urn;
        }

        var color = severity switch { "error" => "1", "warning" => "3", _ => null };
        if (color is not null)
        {
            payload["prefix"] = $"<{{%fg {color}%}}>{severity}: <{{%reset%}}>";
        }

        payload["message"] = message;
        payload["color"] = "raw";
        payload["severity"] = severity;
        lock (_gate)
        {
            _diagnostics.Add(payload);
        }

        _request.Events.Write("diagnosticEvent", payload);
    }

    /// <summary>Writes the checkpoint (never for previews); resources stay in dependency order.</summary>
    private void Save()
    {
        if (IsPreview)
        {
            return;
        }

        lock (_gate)
        {
            _request.Store.Save(_live);
        }
    }

    private void Upsert(ResourceState state)
    {
        lock (_gate)
        {
            var index = _live.Resources.FindIndex(r => r.Urn == state.Urn);
            if (index >= 0)
            {
                _live.Resources[index] = state;
            }
            else if (state.Type == Urns.StackType)
            {
                _live.Resources.Insert(0, state);
            }
            else
            {
                _live.Resources.Add(state);
            }
        }
    }

    private void Remove(string urn)
    {
        lock (_gate)
        {
            _live.Resources.RemoveAll(r => r.Urn == urn);
        }
    }

    private void SetPending(ResourceState resource, string type, bool pending)
    {
        lock (_gate)
        {
            _live.PendingOperations.RemoveAll(p => p.Resource.Urn == resource.Urn && p.Type == type);
            if (pending)
            {
                _live.PendingOperations.Add((resource, type));
            }
        }
    }
}
