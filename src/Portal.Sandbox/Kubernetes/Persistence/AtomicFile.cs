using System.Globalization;

namespace Portal.Sandbox.Kubernetes.Persistence;

/// <summary>
/// Writes a file so that a reader (or the next start after a crash) sees either the old content or the new, never half of
/// each: the bytes go to a temporary file that is renamed over the target. Files are created owner-only on Unix because
/// the state directory holds a private key and the bearer token.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temporary = path + ".tmp";

        // A temporary file left by a crash keeps its old mode if reused, so start from a new one.
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            write(stream);

            // Without this, a power loss right after the rename can leave an empty file on some file systems.
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static void WriteText(string path, string text) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, leaveOpen: true);
        writer.Write(text);
    });

    /// <summary>Renames a file that could not be used to <c>&lt;path&gt;.corrupt-&lt;UTC timestamp&gt;</c>, keeping it for inspection.</summary>
    public static string MoveAside(string path, DateTimeOffset now)
    {
        var target = $"{path}.corrupt-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}";
        File.Move(path, target, overwrite: true);
        return target;
    }
}
