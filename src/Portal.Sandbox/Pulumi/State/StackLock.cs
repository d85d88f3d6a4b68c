using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>A DIY-backend lock file <c>.pulumi/locks/organization/&lt;project&gt;/&lt;stack&gt;/&lt;uuid&gt;.json</c>, removed on
/// dispose (normal exit, failure, graceful cancel) and left behind by a kill.</summary>
internal sealed class StackLock : IDisposable
{
    private readonly string _path;

    private StackLock(string path) => _path = path;

    public static StackLock Acquire(string lockDirectory)
    {
        Directory.CreateDirectory(lockDirectory);
        var path = Path.Combine(lockDirectory, $"{Guid.NewGuid()}.json");
        var content = new JsonObject
        {
            ["pid"] = Environment.ProcessId,
            ["username"] = Environment.UserName,
            ["hostname"] = Environment.MachineName,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"),
        };

        // Write first, then look for others: two racing updates can both lose, but never both run.
        File.WriteAllText(path, JsonText.Compact(content));
        var others = Directory.GetFiles(lockDirectory, "*.json").Where(f => f != path).ToList();
        if (others.Count == 0)
        {
            return new StackLock(path);
        }

        File.Delete(path);
        throw new CliException(LockedMessage(others));
    }

    public static string LockedMessage(IReadOnlyList<string> lockFiles)
    {
        var lines = lockFiles.Select(file =>
        {
            var description = "unknown";
            try
            {
                var json = JsonNode.Parse(File.ReadAllText(file));
                var time = DateTimeOffset.Parse(json?["timestamp"]?.GetValue<string>() ?? "").UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
                description = $"created by {json?["username"]}@{json?["hostname"]} (pid {json?["pid"]}) at {time}";
            }
            catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or FormatException)
            {
                // An unreadable lock still locks.
            }

            return $"  {new Uri(file).AbsoluteUri}: {description}";
        });
        return $"the stack is currently locked by {lockFiles.Count} lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.\n"
            + string.Join('\n', lines);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // `pulumi cancel` may have removed it already.
        }
    }
}
