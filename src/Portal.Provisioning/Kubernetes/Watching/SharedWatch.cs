using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes.Watching;

/// <summary>
/// One upstream observer and its viewers. Changes are applied to an in-memory copy under a lock and written to every viewer's
/// channel inside the same lock, so a viewer that joins gets a snapshot consistent with the changes that follow it.
/// </summary>
internal sealed class SharedWatch<T>(
    string key, IClusterClient client, KubernetesResource<T> resource, string? ns, ObserveOptions observeOptions,
    TimeSpan linger, TimeProvider timeProvider, ILogger logger, Action<ISharedWatch> onClosed) : ISharedWatch
    where T : class, IKubernetesObject
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, T> _state = new(StringComparer.Ordinal);
    private readonly List<Viewer> _viewers = [];
    private readonly CancellationTokenSource _upstream = new();
    private CancellationTokenSource? _closing;
    private bool _synced;
    private bool _closed;
    private Task _pump = Task.CompletedTask;

    public string Key => key;

    public void Start()
    {
        KubernetesLog.SharedWatchStarted(logger, key);
        _pump = Task.Run(PumpAsync);
    }

    public bool TryAddViewer(out Viewer viewer)
    {
        // Unbounded per viewer: viewers are in-process circuits that drain quickly, and dropping would break consistency.
        viewer = new Viewer(Channel.CreateUnbounded<ResourceChange<T>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true }));
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            _closing?.Cancel();
            _closing = null;
            _viewers.Add(viewer);
            if (_synced)
            {
                viewer.Writer.TryWrite(ResourceChange<T>.SnapshotOf([.. _state.Values]));
            }

            return true;
        }
    }

    public void RemoveViewer(Viewer viewer)
    {
        lock (_lock)
        {
            _viewers.Remove(viewer);
            viewer.Writer.TryComplete();
            if (_viewers.Count > 0 || _closed)
            {
                return;
            }

            _closing = new CancellationTokenSource();
            _ = CloseLaterAsync(_closing.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _closed = true;
        }

        await _upstream.CancelAsync();
        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
            // expected on shutdown
        }

        _upstream.Dispose();
    }

    /// <summary>Synchronous shutdown (a container disposed without DisposeAsync): stops the upstream without waiting for it.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _closed = true;
        }

        _upstream.Cancel();
    }

    private async Task CloseLaterAsync(CancellationToken cancelled)
    {
        try
        {
            await Task.Delay(linger, timeProvider, cancelled);
        }
        catch (OperationCanceledException)
        {
            return; // a viewer came back
        }

        lock (_lock)
        {
            if (_viewers.Count > 0 || _closed)
            {
                return;
            }

            _closed = true;
        }

        onClosed(this);
        KubernetesLog.SharedWatchClosed(logger, key);
        await _upstream.CancelAsync();
    }

    private async Task PumpAsync()
    {
        Exception? failure = null;
        try
        {
            await foreach (var change in client.ObserveAsync(resource, ns, observeOptions, _upstream.Token, logger))
            {
                Apply(change);
            }
        }
        catch (OperationCanceledException) when (_upstream.IsCancellationRequested)
        {
            // closed after the last viewer left
        }
        catch (Exception ex)
        {
            failure = ex; // a non-retryable error (the observer retries everything else): every viewer sees it
        }

        lock (_lock)
        {
            _closed = true;
            foreach (var viewer in _viewers)
            {
                viewer.Writer.TryComplete(failure);
            }
        }

        onClosed(this);
    }

    // By namespace and name: a cluster-wide watch sees objects of one name in many namespaces.
    private static string StateKey(T item) => $"{item.Metadata.Namespace}/{item.Metadata.Name}";

    private void Apply(ResourceChange<T> change)
    {
        lock (_lock)
        {
            if (change.Type == ResourceChangeType.Snapshot)
            {
                _state.Clear();
                foreach (var item in change.Snapshot!)
                {
                    _state[StateKey(item)] = item;
                }

                _synced = true;
                var snapshot = ResourceChange<T>.SnapshotOf([.. _state.Values]);
                foreach (var viewer in _viewers)
                {
                    viewer.Writer.TryWrite(snapshot);
                }

                return;
            }

            var changed = change.Item!;
            if (change.Type == ResourceChangeType.Deleted)
            {
                _state.Remove(StateKey(changed));
            }
            else
            {
                _state[StateKey(changed)] = changed;
            }

            foreach (var viewer in _viewers)
            {
                viewer.Writer.TryWrite(change);
            }
        }
    }

    /// <summary>One viewer's queue.</summary>
    public sealed class Viewer(Channel<ResourceChange<T>> channel)
    {
        public ChannelReader<ResourceChange<T>> Reader => channel.Reader;

        public ChannelWriter<ResourceChange<T>> Writer => channel.Writer;
    }
}
