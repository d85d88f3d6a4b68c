using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Portal.Sandbox.Kubernetes.Persistence;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes;

/// <summary>
/// The named virtual clusters of one server (each sandbox <c>eks:Cluster</c> gets one, as each real one is its own
/// cluster). They share the server's options, CA, token and port, and nothing else. With a state directory each keeps its
/// objects in <c>clusters/&lt;name&gt;/objects.json</c>, and every such directory is loaded again at start: a directory
/// is a virtual cluster.
/// </summary>
internal sealed partial class VirtualClusters : IAsyncDisposable
{
    /// <summary>The path prefix (<c>/clusters/{name}/</c>) and the state subdirectory.</summary>
    public const string PathSegment = "clusters";
    public const string NameRule = "1-100 letters, digits, '.', '_' or '-', starting and ending with a letter or digit";
    private readonly ConcurrentDictionary<string, VirtualCluster> _clusters = new(StringComparer.Ordinal);

    // Creating and deleting touch the state directory; one at a time, so a delete never races a create of the same name.
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly SandboxKubernetesOptions _options;
    private readonly string _token;
    private readonly string? _root;
    private readonly ILogger _logger;
    private bool _started;

    // stateDirectory: the server's; null keeps every virtual cluster in memory.
    public VirtualClusters(SandboxKubernetesOptions options, string token, string? stateDirectory, ILogger logger)
    {
        _options = options;
        _token = token;
        _logger = logger;
        _root = stateDirectory is null ? null : Path.Combine(stateDirectory, PathSegment);
        if (_root is not null && System.IO.Directory.Exists(_root))
        {
            foreach (var directory in System.IO.Directory.EnumerateDirectories(_root).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(directory);
                if (IsValidName(name))
                {
                    _clusters[name] = Load(name);
                }
            }
        }
    }

    public static bool IsValidName(string name) => ValidName().IsMatch(name);

    public VirtualCluster? Find(string name) => _clusters.GetValueOrDefault(name);

    public IReadOnlyList<VirtualCluster> List() => [.. _clusters.Values.OrderBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>Starts the clusters loaded from the state directory; those created later start at once.</summary>
    public void Start()
    {
        _changes.Wait();
        try
        {
            _started = true;
            foreach (var cluster in _clusters.Values)
            {
                cluster.Start();
            }
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>The named virtual cluster, created (empty, with the built-in namespaces) when absent.</summary>
    public async Task<(VirtualCluster Cluster, bool Created)> GetOrCreateAsync(string name, CancellationToken cancellationToken)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid virtual cluster name: {NameRule}.", nameof(name));
        }

        await _changes.WaitAsync(cancellationToken);
        try
        {
            if (_clusters.TryGetValue(name, out var existing))
            {
                return (existing, false);
            }

            var cluster = Load(name);
            if (_started)
            {
                cluster.Start();
            }

            _clusters[name] = cluster;
            VirtualClusterLog.Created(_logger, name, cluster.Directory ?? "memory");
            return (cluster, true);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Removes the named virtual cluster with its objects and state; null when there is none.</summary>
    public async Task<VirtualCluster?> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            if (!_clusters.TryRemove(name, out var cluster))
            {
                return null;
            }

            // Open watches end; a client that resumes finds the cluster gone (404), as a deleted EKS endpoint stops answering.
            cluster.Cluster.Store.ExpireHistory();
            await cluster.StopAsync();
            if (cluster.Directory is { } directory)
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }

            VirtualClusterLog.Deleted(_logger, name);
            return cluster;
        }
        finally
        {
            _changes.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // After any create or delete in flight, so no cluster is stopped twice or started after the stop.
        await _changes.WaitAsync();
        try
        {
            foreach (var cluster in _clusters.Values)
            {
                await cluster.StopAsync();
            }

            _clusters.Clear();
        }
        finally
        {
            _changes.Release();
        }

        _changes.Dispose();
    }

    private VirtualCluster Load(string name)
    {
        var state = _root is null ? null : new SandboxStateDirectory(Path.Combine(_root, name), TimeProvider.System, _logger);
        var restored = state?.LoadSnapshot();
        var cluster = new SandboxCluster(_options, _token, restored, TimeProvider.System, _logger);
        if (restored is not null)
        {
            PersistenceLog.StateRestored(_logger, state!.PathOf(SandboxStateDirectory.ObjectsFile), restored.Objects.Count, cluster.Store.CurrentVersion);
            if (!restored.Clean)
            {
                PersistenceLog.UncleanShutdown(_logger, state.PathOf(SandboxStateDirectory.ObjectsFile), ObjectStore.UncleanRestartVersionGap);
            }
        }

        var snapshots = state is null ? null : new StoreSnapshotWriter(cluster.Store, state.PathOf(SandboxStateDirectory.ObjectsFile), _logger);
        return new VirtualCluster(name, cluster, snapshots, state?.FullPath);
    }

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9._-]{0,98}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
