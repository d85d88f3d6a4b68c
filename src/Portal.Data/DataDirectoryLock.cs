using Microsoft.Extensions.Options;

namespace Portal.Data;

/// <summary>
/// Holds an exclusive lock on <c>portal.lock</c> in the data directory for the life of the process. SQLite is a
/// single-node store, so one portal process owns a data directory; holding the lock proves that any job still
/// marked Running by another worker belongs to a process that is gone (see JobRecovery).
/// </summary>
public sealed class DataDirectoryLock(IOptions<PortalOptions> options) : IDisposable
{
    private readonly Lock _gate = new();
    private FileStream? _lockFile;

    public void Acquire()
    {
        lock (_gate)
        {
            if (_lockFile is not null)
            {
                return;
            }

            var directory = options.Value.DataDirectoryFullPath;
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, "portal.lock");
            try
            {
                _lockFile = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException ex)
            {
                throw new InvalidOperationException($"Another Portal process is using the data directory {directory} ({path} is locked). Stop it or set Portal:DataDirectory to another folder.", ex);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _lockFile?.Dispose();
            _lockFile = null;
        }
    }
}
