using System.Threading.Channels;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Persistence;

/// <summary>
/// Keeps <c>objects.json</c> current: after a change it waits for a quiet moment (<see cref="QuietPeriod"/>), but under
/// continuous change never longer than <see cref="MaxDelay"/> after the first unsaved one, then writes the whole store
/// atomically. A process killed without warning therefore loses at most about the last second. Disposing writes a final,
/// clean snapshot.
/// </summary>
internal sealed class StoreSnapshotWriter(ObjectStore store, string path, ILogger logger) : IAsyncDisposable
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stopping = new();
    private StoreSubscription? _changes;
    private Task _loop = Task.CompletedTask;
    private int _saveCount;

    public string Path => path;

    /// <summary>Snapshots written so far (diagnostics and tests).</summary>
    public int SaveCount => Volatile.Read(ref _saveCount);

    public void Start()
    {
        _changes = store.SubscribeAll();

        // At once, not at the first change: a new cluster's seeded namespaces are on disk, and a clean snapshot that was
        // just restored is marked in use, so a crash from here on is recognised at the next start.
        Save(clean: false);
        _loop = Task.Run(() => RunAsync(_changes.Reader, _stopping.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        if (_changes is { } changes)
        {
            changes.Dispose();
            Save(clean: true);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(ChannelReader<WatchRecord> changes, CancellationToken cancellationToken)
    {
        try
        {
            while (await changes.WaitToReadAsync(cancellationToken))
            {
                var first = store.Time.GetUtcNow();
                var last = first;
                Drain(changes);
                while (true)
                {
                    var now = store.Time.GetUtcNow();
                    var due = last + QuietPeriod < first + MaxDelay ? last + QuietPeriod : first + MaxDelay;
                    if (due <= now)
                    {
                        break;
                    }

                    using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timer.CancelAfter(due - now);
                    try
                    {
                        if (!await changes.WaitToReadAsync(timer.Token))
                        {
                            break;
                        }
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        break; // quiet long enough, or the change has waited MaxDelay
                    }

                    Drain(changes);
                    last = store.Time.GetUtcNow();
                }

                Save(clean: false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping: DisposeAsync writes the final snapshot
        }
    }

    private static void Drain(ChannelReader<WatchRecord> changes)
    {
        while (changes.TryRead(out _))
        {
            // one snapshot covers every change so far
        }
    }

    private void Save(bool clean)
    {
        try
        {
            var snapshot = store.Snapshot() with { Clean = clean };
            AtomicFile.Write(path, stream => snapshot.WriteTo(stream, store.Time.GetUtcNow()));
            Interlocked.Increment(ref _saveCount);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A full disk or a permission problem must not stop the simulated cluster; the next change tries again.
            PersistenceLog.SaveFailed(logger, ex, path);
        }
    }
}
