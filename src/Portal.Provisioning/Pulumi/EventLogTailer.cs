using System.Text;

namespace Portal.Provisioning.Pulumi;

/// <summary>Follows the CLI's <c>--event-log</c> file while it is being written. Tracks the byte offset of what it has
/// read and keeps an incomplete trailing line buffered until its newline arrives (or the CLI has exited).</summary>
internal sealed class EventLogTailer(string path) : IDisposable
{
    private readonly MemoryStream _partialLine = new();
    private long _offset;

    public string Path { get; } = path;

    /// <summary>Returns the complete lines written since the last call; with <paramref name="final"/> also a trailing
    /// line without newline (the CLI is gone, nothing more will come).</summary>
    public async Task<IReadOnlyList<string>> ReadLinesAsync(bool final, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        if (File.Exists(Path))
        {
            await using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true);
            if (stream.Length < _offset)
            {
                // Truncated (the CLI opens with O_TRUNC): start over.
                _offset = 0;
                _partialLine.SetLength(0);
            }

            stream.Seek(_offset, SeekOrigin.Begin);
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                _offset += read;
                Split(buffer.AsSpan(0, read), lines);
            }
        }

        if (final && _partialLine.Length > 0)
        {
            lines.Add(Encoding.UTF8.GetString(_partialLine.GetBuffer(), 0, (int)_partialLine.Length));
            _partialLine.SetLength(0);
        }

        return lines;
    }

    public void Dispose() => _partialLine.Dispose();

    private void Split(ReadOnlySpan<byte> data, List<string> lines)
    {
        int newline;
        while ((newline = data.IndexOf((byte)'\n')) >= 0)
        {
            _partialLine.Write(data[..newline]);
            var line = Encoding.UTF8.GetString(_partialLine.GetBuffer(), 0, (int)_partialLine.Length).TrimEnd('\r');
            _partialLine.SetLength(0);
            if (line.Length > 0)
            {
                lines.Add(line);
            }

            data = data[(newline + 1)..];
        }

        _partialLine.Write(data);
    }
}
