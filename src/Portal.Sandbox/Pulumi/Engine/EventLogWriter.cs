using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>Writes engine events as the real CLI does: one compact JSON object per line,
/// <c>{"sequence":n,"timestamp":unixSeconds,"&lt;kind&gt;":{…}}</c>, flushed per line so a tail sees it at once.</summary>
internal sealed class EventLogWriter : IDisposable
{
    private readonly FileStream? _stream;
    private readonly Lock _gate = new();
    private long _sequence;

    public EventLogWriter(string? path)
    {
        if (path is not null)
        {
            _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        }
    }

    /// <summary>Raised for every event (under the writer's lock), so the display sees the same order.</summary>
    public event Action<string, JsonObject>? Written;

    public void Write(string kind, JsonObject payload)
    {
        lock (_gate)
        {
            var line = new JsonObject
            {
                ["sequence"] = _sequence++,
                ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                [kind] = payload,
            };
            if (_stream is not null)
            {
                _stream.Write(Encoding.UTF8.GetBytes(JsonText.Compact(line) + "\n"));
                _stream.Flush();
            }

            Written?.Invoke(kind, payload);
        }
    }

    public void Dispose() => _stream?.Dispose();
}
