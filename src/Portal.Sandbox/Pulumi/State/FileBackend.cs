using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>The DIY file backend in project mode: <c>&lt;root&gt;/.pulumi/{meta.yaml, stacks, history, locks, backups}</c>.</summary>
internal sealed class FileBackend(string root)
{
    private string StateDirectory => Path.Combine(root, ".pulumi");

    public string Root => root;

    public void EnsureInitialized()
    {
        if (!Directory.Exists(root))
        {
            throw new CliException($"could not access the file backend: '{root}' does not exist");
        }

        Directory.CreateDirectory(StateDirectory);
        var meta = Path.Combine(StateDirectory, "meta.yaml");
        if (!File.Exists(meta))
        {
            File.WriteAllText(meta, "version: 1\n");
        }
    }

    public string CheckpointPath(string project, string stack) => Path.Combine(StateDirectory, "stacks", project, stack + ".json");

    public string LockDirectory(string project, string stack) => Path.Combine(StateDirectory, "locks", "organization", project, stack);

    public bool StackExists(string project, string stack) => File.Exists(CheckpointPath(project, stack));

    public IEnumerable<string> ListStacks(string project)
    {
        var directory = Path.Combine(StateDirectory, "stacks", project);
        return Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)
            : [];
    }

    /// <summary>The raw <c>latest</c> deployment (secrets as ciphertext), or null if the stack has none yet.</summary>
    public JsonObject? ReadDeployment(string project, string stack)
    {
        var path = CheckpointPath(project, stack);
        if (!File.Exists(path))
        {
            throw new CliException($"no stack named '{stack}' found", CliExitCodes.StackNotFound);
        }

        return JsonNode.Parse(File.ReadAllText(path))?["checkpoint"]?["latest"] as JsonObject;
    }

    public DateTimeOffset? LastWriteTime(string project, string stack) =>
        File.Exists(CheckpointPath(project, stack)) ? File.GetLastWriteTimeUtc(CheckpointPath(project, stack)) : null;

    /// <summary>Writes the checkpoint atomically (temp file + rename), keeping the previous one as <c>.json.bak</c>.</summary>
    public void WriteDeployment(string project, string stack, JsonObject? deployment)
    {
        var path = CheckpointPath(project, stack);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var checkpoint = new JsonObject
        {
            ["version"] = 3,
            ["checkpoint"] = new JsonObject { ["stack"] = $"organization/{project}/{stack}", ["latest"] = deployment },
        };
        var temp = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, JsonText.Pretty4(checkpoint));
        if (File.Exists(path))
        {
            File.Copy(path, path + ".bak", overwrite: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    public void RemoveStack(string project, string stack)
    {
        var path = CheckpointPath(project, stack);
        var backups = Path.Combine(StateDirectory, "backups", project, stack);
        Directory.CreateDirectory(backups);
        File.Move(path, Path.Combine(backups, $"{stack}.{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000}.json"), overwrite: true);
        File.Delete(path + ".bak");
    }

    public IReadOnlyList<string> LockFiles(string project, string stack)
    {
        var directory = LockDirectory(project, stack);
        return Directory.Exists(directory) ? Directory.GetFiles(directory, "*.json") : [];
    }

    public void ThrowIfLocked(string project, string stack)
    {
        var locks = LockFiles(project, stack);
        if (locks.Count > 0)
        {
            throw new CliException(StackLock.LockedMessage(locks));
        }
    }

    public void AppendHistory(string project, string stack, JsonObject entry, JsonObject? deployment)
    {
        var directory = Path.Combine(StateDirectory, "history", project, stack);
        Directory.CreateDirectory(directory);
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000 + Random.Shared.Next(1_000_000);
        File.WriteAllText(Path.Combine(directory, $"{stack}-{stamp}.history.json"), JsonText.Pretty4(entry));
        File.WriteAllText(Path.Combine(directory, $"{stack}-{stamp}.checkpoint.json"), JsonText.Pretty4(new JsonObject { ["version"] = 3, ["checkpoint"] = new JsonObject { ["stack"] = $"organization/{project}/{stack}", ["latest"] = deployment?.DeepClone() } }));
    }

    /// <summary>History entries, newest first.</summary>
    public List<JsonObject> ReadHistory(string project, string stack)
    {
        var directory = Path.Combine(StateDirectory, "history", project, stack);
        return !Directory.Exists(directory)
            ? []
            : [.. Directory.GetFiles(directory, "*.history.json")
                .OrderByDescending(f => f, StringComparer.Ordinal)
                .Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject())];
    }
}
