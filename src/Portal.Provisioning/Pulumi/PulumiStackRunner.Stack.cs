using System.Text.Json;

namespace Portal.Provisioning.Pulumi;

/// <summary>Stack, config, output, history and state commands.</summary>
public sealed partial class PulumiStackRunner
{
    public async Task CreateStackAsync(StackWorkspace workspace, CancellationToken cancellationToken)
    {
        await RunAsync(workspace, "stack init", ["stack", "init", workspace.StackName], cancellationToken);
        PulumiLog.StackCreated(_logger, workspace.StackName);
    }

    public async Task<bool> CreateOrSelectStackAsync(StackWorkspace workspace, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(workspace, "stack select", ["stack", "select", "--stack", workspace.StackName], cancellationToken);
            return false;
        }
        catch (StackNotFoundException)
        {
            try
            {
                await RunAsync(workspace, "stack init", ["stack", "init", workspace.StackName], cancellationToken);
                PulumiLog.StackCreated(_logger, workspace.StackName);
                return true;
            }
            catch (StackAlreadyExistsException)
            {
                // Lost a race with another job: the stack is there now, so select it.
                await RunAsync(workspace, "stack select", ["stack", "select", "--stack", workspace.StackName], cancellationToken);
                return false;
            }
        }
    }

    public async Task SetConfigAsync(StackWorkspace workspace, string key, ConfigValue value, bool path, CancellationToken cancellationToken)
    {
        List<string> arguments = ["config", "set"];
        if (path)
        {
            arguments.Add("--path");
        }

        arguments.Add(key);
        if (value.IsSecret)
        {
            // In non-interactive mode `config set` reads a missing value from stdin: secrets never reach argv.
            arguments.Add("--secret");
            await RunAsync(workspace, "config set", arguments, cancellationToken, standardInput: value.Value);
            return;
        }

        arguments.AddRange(["--plaintext", "--", value.Value]);
        await RunAsync(workspace, "config set", arguments, cancellationToken);
    }

    public async Task RemoveAllConfigAsync(StackWorkspace workspace, IReadOnlyCollection<string> keys, bool path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        List<string> arguments = ["config", "rm-all"];
        if (path)
        {
            arguments.Add("--path");
        }

        arguments.AddRange(keys);
        await RunAsync(workspace, "config rm-all", arguments, cancellationToken);
    }

    public async Task SetAllConfigAsync(StackWorkspace workspace, IReadOnlyDictionary<string, ConfigValue> values, bool path, CancellationToken cancellationToken)
    {
        var plain = values.Where(v => !v.Value.IsSecret).ToList();
        if (plain.Count > 0)
        {
            List<string> arguments = ["config", "set-all"];
            if (path)
            {
                arguments.Add("--path");
            }

            foreach (var (key, value) in plain)
            {
                arguments.AddRange(["--plaintext", $"{key}={value.Value}"]);
            }

            await RunAsync(workspace, "config set-all", arguments, cancellationToken);
        }

        foreach (var (key, value) in values.Where(v => v.Value.IsSecret))
        {
            await SetConfigAsync(workspace, key, value, path, cancellationToken);
        }
    }

    public async Task<IReadOnlyDictionary<string, ConfigValue>> GetAllConfigAsync(StackWorkspace workspace, bool showSecrets, CancellationToken cancellationToken)
    {
        List<string> arguments = ["config"];
        if (showSecrets)
        {
            arguments.Add("--show-secrets");
        }

        arguments.Add("--json");
        var result = await RunAsync(workspace, "config", arguments, cancellationToken);
        using var document = JsonDocument.Parse(result.StandardOutput);
        var config = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            var secret = entry.Value.TryGetProperty("secret", out var s) && s.ValueKind == JsonValueKind.True;
            var value = entry.Value.TryGetProperty("value", out var v) ? v.GetString() : null;
            config[entry.Name] = new ConfigValue(value ?? StackOutputValue.SecretPlaceholder, secret);
        }

        return config;
    }

    public async Task<IReadOnlyDictionary<string, StackOutputValue>> GetOutputsAsync(StackWorkspace workspace, CancellationToken cancellationToken)
    {
        var masked = await ReadOutputsAsync(workspace, showSecrets: false, cancellationToken);
        var plain = await ReadOutputsAsync(workspace, showSecrets: true, cancellationToken);
        var outputs = new Dictionary<string, StackOutputValue>(StringComparer.Ordinal);
        foreach (var (name, value) in plain)
        {
            // As the Go SDK does: a value whose masked form contains [secret] anywhere is secret.
            var isSecret = masked.TryGetValue(name, out var m) && m.GetRawText().Contains("\"[secret]\"", StringComparison.Ordinal);
            outputs[name] = new StackOutputValue(value, isSecret);
        }

        return outputs;
    }

    public async Task<IReadOnlyDictionary<string, StackOutputValue>> GetMaskedOutputsAsync(StackWorkspace workspace, CancellationToken cancellationToken)
    {
        var masked = await ReadOutputsAsync(workspace, showSecrets: false, cancellationToken);
        return masked.ToDictionary(
            o => o.Key,
            o => new StackOutputValue(o.Value, o.Value.GetRawText().Contains("\"[secret]\"", StringComparison.Ordinal)),
            StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<StackHistoryEntry>> GetHistoryAsync(StackWorkspace workspace, int pageSize, int page, CancellationToken cancellationToken)
    {
        var result = await RunAsync(
            workspace,
            "stack history",
            ["stack", "history", "--json", "--page-size", pageSize.ToString(), "--page", page.ToString()],
            cancellationToken);
        using var document = JsonDocument.Parse(result.StandardOutput);
        return [.. document.RootElement.EnumerateArray().Select(ReadHistoryEntry)];
    }

    public Task CancelAsync(StackWorkspace workspace, CancellationToken cancellationToken) =>
        RunAsync(workspace, "cancel", ["cancel", "--yes"], cancellationToken);

    public async Task<string> ExportStackAsync(StackWorkspace workspace, CancellationToken cancellationToken) =>
        (await RunAsync(workspace, "stack export", ["stack", "export"], cancellationToken)).StandardOutput;

    public async Task ImportStackAsync(StackWorkspace workspace, string deploymentJson, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"pulumi-import-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, deploymentJson, cancellationToken);
        try
        {
            await RunAsync(workspace, "stack import", ["stack", "import", "--file", file], cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public async Task<int> ClearPendingOperationsAsync(StackWorkspace workspace, CancellationToken cancellationToken)
    {
        var exported = await ExportStackAsync(workspace, cancellationToken);
        using var document = JsonDocument.Parse(exported);
        var pending = document.RootElement.TryGetProperty("deployment", out var deployment)
            && deployment.TryGetProperty("pending_operations", out var operations)
            && operations.ValueKind == JsonValueKind.Array
            ? operations.GetArrayLength()
            : 0;
        if (pending > 0)
        {
            // Import drops pending operations; secrets stay encrypted because the export did not show them.
            await ImportStackAsync(workspace, exported, cancellationToken);
        }

        return pending;
    }

    public Task RemoveStackAsync(StackWorkspace workspace, bool force, CancellationToken cancellationToken)
    {
        List<string> arguments = ["stack", "rm", "--yes", workspace.StackName];
        if (force)
        {
            arguments.Add("--force");
        }

        return RunAsync(workspace, "stack rm", arguments, cancellationToken);
    }

    private async Task<Dictionary<string, JsonElement>> ReadOutputsAsync(StackWorkspace workspace, bool showSecrets, CancellationToken cancellationToken)
    {
        List<string> arguments = ["stack", "output", "--json"];
        if (showSecrets)
        {
            arguments.Add("--show-secrets");
        }

        var result = await RunAsync(workspace, "stack output", arguments, cancellationToken);
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    private static StackHistoryEntry ReadHistoryEntry(JsonElement entry)
    {
        var changes = new Dictionary<string, int>(StringComparer.Ordinal);
        if (entry.TryGetProperty("resourceChanges", out var rc) && rc.ValueKind == JsonValueKind.Object)
        {
            foreach (var change in rc.EnumerateObject())
            {
                changes[change.Name] = change.Value.GetInt32();
            }
        }

        return new StackHistoryEntry(
            entry.TryGetProperty("version", out var v) ? v.GetInt32() : 0,
            entry.GetProperty("kind").GetString() ?? "",
            DateTimeOffset.Parse(entry.GetProperty("startTime").GetString()!),
            entry.TryGetProperty("endTime", out var end) && end.GetString() is { } endText ? DateTimeOffset.Parse(endText) : null,
            entry.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "",
            entry.TryGetProperty("result", out var r) ? r.GetString() : null,
            changes);
    }
}
