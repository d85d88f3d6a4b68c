using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes.Watching;

/// <summary>Singleton <see cref="ISharedWatchHub"/>; its own lock guards the map of open shared watches.</summary>
public sealed class SharedWatchHub(IOptions<KubernetesOptions> options, TimeProvider timeProvider, ILogger<SharedWatchHub> logger) : ISharedWatchHub, IAsyncDisposable, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ISharedWatch> _watches = new(StringComparer.Ordinal);
    private int _started;

    public int ActiveUpstreamCount
    {
        get
        {
            lock (_lock)
            {
                return _watches.Count;
            }
        }
    }

    public int StartedUpstreamCount => Volatile.Read(ref _started);

    public async IAsyncEnumerable<ResourceChange<T>> SubscribeAsync<T>(
        string clusterName, IClusterClient client, KubernetesResource<T> resource, string? ns, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        var key = $"{clusterName}|{ns}|{resource}";
        SharedWatch<T> watch;
        SharedWatch<T>.Viewer viewer;
        lock (_lock)
        {
            // A watch that is closing (or failed) is replaced rather than revived: its upstream may already be gone.
            if (!_watches.TryGetValue(key, out var existing) || existing is not SharedWatch<T> typed || !typed.TryAddViewer(out viewer))
            {
                var opts = options.Value;
                var observe = new ObserveOptions { InitialBackoff = opts.WatchReconnectInitialDelay, MaxBackoff = opts.WatchReconnectMaxDelay, WatchTimeout = opts.WatchTimeout };
                typed = new SharedWatch<T>(key, client, resource, ns, observe, opts.SharedWatchLinger, timeProvider, logger, Remove);
                _watches[key] = typed;
                Interlocked.Increment(ref _started);
                typed.TryAddViewer(out viewer);
                typed.Start();
            }

            watch = typed;
        }

        try
        {
            await foreach (var change in viewer.Reader.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            watch.RemoveViewer(viewer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        ISharedWatch[] all;
        lock (_lock)
        {
            all = [.. _watches.Values];
            _watches.Clear();
        }

        foreach (var watch in all)
        {
            await watch.DisposeAsync();
        }
    }

    public void Dispose()
    {
        ISharedWatch[] all;
        lock (_lock)
        {
            all = [.. _watches.Values];
            _watches.Clear();
        }

        foreach (var watch in all)
        {
            watch.Dispose();
        }
    }

    private void Remove(ISharedWatch watch)
    {
        lock (_lock)
        {
            if (_watches.TryGetValue(watch.Key, out var current) && ReferenceEquals(current, watch))
            {
                _watches.Remove(watch.Key);
            }
        }
    }
}
