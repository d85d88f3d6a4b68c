using Portal.Provisioning.Environments;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Kubernetes.Rollout;
using Portal.Provisioning.Kubernetes.Watching;

namespace Portal.Web.State.Cluster;

/// <summary>
/// An environment's Deployments, ReplicaSets, Pods, Services and recent Events, folded from the shared watches' snapshots and changes
/// into maps keyed by namespace/name and limited to the environment's namespaces (<see cref="EnvironmentScope"/>).
/// Events are capped at the newest <see cref="MaxEvents"/>. Thread-safe: the watch loops apply changes while the renderer
/// reads rows; <see cref="Version"/> grows with every visible change, so a view can rebuild its rows only when it moved.
/// </summary>
public sealed class ClusterObjectsState
{
    public const int DefaultMaxEvents = 100;

    private readonly Lock _lock = new();
    private readonly IReadOnlySet<string>? _scope;
    private readonly ObjectMap<Deployment> _deployments = new();
    private readonly ObjectMap<Pod> _pods = new();
    private readonly ObjectMap<Service> _services = new();
    private readonly ObjectMap<Event> _events = new();
    private readonly ObjectMap<ReplicaSet> _replicaSets = new();
    private long _version;

    /// <param name="scope">The environment's namespaces, or null for every namespace but the system ones.</param>
    /// <param name="maxEvents">How many events to keep (the newest).</param>
    public ClusterObjectsState(IReadOnlySet<string>? scope, int maxEvents = DefaultMaxEvents)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents);
        _scope = scope;
        MaxEvents = maxEvents;
        WatchedNamespaces = scope is null ? [null] : [.. scope.Order(StringComparer.Ordinal)];
    }

    public int MaxEvents { get; }

    /// <summary>
    /// The namespaces to subscribe in: one cluster-wide subscription (null) when the environment owns the cluster, else one
    /// per namespace it owns (each subscription's snapshot then replaces only its own namespace).
    /// </summary>
    public IReadOnlyList<string?> WatchedNamespaces { get; }

    public long Version => Interlocked.Read(ref _version);

    public bool Apply(ResourceChange<Deployment> change, string? watchedNamespace = null) => Apply(_deployments, change, watchedNamespace);

    public bool Apply(ResourceChange<Pod> change, string? watchedNamespace = null) => Apply(_pods, change, watchedNamespace);

    public bool Apply(ResourceChange<Service> change, string? watchedNamespace = null) => Apply(_services, change, watchedNamespace);

    public bool Apply(ResourceChange<ReplicaSet> change, string? watchedNamespace = null) => Apply(_replicaSets, change, watchedNamespace);

    public bool Apply(ResourceChange<Event> change, string? watchedNamespace = null)
    {
        lock (_lock)
        {
            var changed = Apply(_events, change, watchedNamespace);
            TrimEvents();
            return changed;
        }
    }

    /// <summary>True once every subscription of that kind has delivered its first snapshot.</summary>
    public bool IsSynced(ClusterObjectKinds kind)
    {
        lock (_lock)
        {
            return kind switch
            {
                ClusterObjectKinds.Deployments => _deployments.Synced.Count >= WatchedNamespaces.Count,
                ClusterObjectKinds.Pods => _pods.Synced.Count >= WatchedNamespaces.Count,
                ClusterObjectKinds.Services => _services.Synced.Count >= WatchedNamespaces.Count,
                ClusterObjectKinds.Events => _events.Synced.Count >= WatchedNamespaces.Count,
                ClusterObjectKinds.ReplicaSets => _replicaSets.Synced.Count >= WatchedNamespaces.Count,
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "One kind at a time."),
            };
        }
    }

    public IReadOnlyList<DeploymentRow> Deployments()
    {
        lock (_lock)
        {
            return [.. _deployments.Items.Values.Select(DeploymentRow.From).OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<PodRow> Pods()
    {
        lock (_lock)
        {
            return [.. _pods.Items.Values.Select(PodRow.From).OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<ServiceRow> Services()
    {
        lock (_lock)
        {
            return [.. _services.Items.Values.Select(ServiceRow.From).OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>The kept events, most recent first.</summary>
    public IReadOnlyList<EventRow> Events()
    {
        lock (_lock)
        {
            return [.. _events.Items.Values.Select(EventRow.From).OrderByDescending(r => r.LastSeen).ThenByDescending(r => r.Revision).ThenBy(r => r.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// One Deployment's rollout as <c>kubectl rollout status</c> and <c>kubectl get rs,pods</c> would show it: its counts and
    /// verdict, and its ReplicaSets (owned through ownerReferences), newest revision first, each with its pods. The new
    /// ReplicaSet is the one of the Deployment's own revision; old ones are listed while they still have replicas or pods,
    /// and the latest old one is kept (scaled down) so a finished rollout still shows where it came from. Null until the
    /// Deployment has been seen.
    /// </summary>
    public RolloutSnapshot? Rollout(string ns, string deployment)
    {
        lock (_lock)
        {
            if (!_deployments.Items.TryGetValue($"{ns}/{deployment}", out var owner))
            {
                return null;
            }

            var deploymentRevision = RevisionOf(owner.Metadata);
            var owned = _replicaSets.Items.Values
                .Where(rs => rs.Metadata.Namespace == ns && IsOwnedBy(rs.Metadata, "Deployment", owner.Metadata))
                .Select(rs => (Set: rs, Revision: RevisionOf(rs.Metadata)))
                .OrderByDescending(r => r.Revision)
                .ToList();
            var newRevision = deploymentRevision ?? owned.FirstOrDefault().Revision;
            var pods = _pods.Items.Values.Where(p => p.Metadata.Namespace == ns).ToList();
            var rows = new List<ReplicaSetRow>();
            var keptOld = false;
            foreach (var (set, revision) in owned)
            {
                var isNew = revision is not null && revision == newRevision;
                var members = pods.Where(p => IsOwnedBy(p.Metadata, "ReplicaSet", set.Metadata)).Select(PodRow.From).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
                var desired = set.Spec?.Replicas ?? 0;
                var active = desired > 0 || set.Status?.Replicas > 0 || members.Count > 0;
                // History: of the scaled-down old revisions only the newest, the one a rollback would go back to.
                if (!isNew && !active && keptOld)
                {
                    continue;
                }

                keptOld |= !isNew;

                rows.Add(new ReplicaSetRow(
                    set.Metadata.Name ?? "",
                    revision,
                    [.. set.Spec?.Template?.Spec?.Containers.Select(c => new ContainerImage(c.Name, c.Image ?? "")) ?? []],
                    desired,
                    set.Status?.Replicas ?? 0,
                    set.Status?.ReadyReplicas ?? 0,
                    set.Status?.AvailableReplicas ?? 0,
                    isNew,
                    members));
            }

            return new RolloutSnapshot(DeploymentRow.From(owner), rows);
        }
    }

    /// <summary>The Deployment as the live view shows it, or null when it has not been seen.</summary>
    public DeploymentRow? Deployment(string ns, string name)
    {
        lock (_lock)
        {
            return _deployments.Items.TryGetValue($"{ns}/{name}", out var deployment) ? DeploymentRow.From(deployment) : null;
        }
    }

    /// <summary>Ready pods out of the pods that are not finished, for the dashboard.</summary>
    public PodReadiness PodReadiness()
    {
        lock (_lock)
        {
            var rows = _pods.Items.Values.Select(PodRow.From).Where(r => !r.IsFinished).ToList();
            return new PodReadiness(rows.Count(r => r.Ready), rows.Count);
        }
    }

    private bool Apply<T>(ObjectMap<T> map, ResourceChange<T> change, string? watchedNamespace)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            var changed = false;
            if (change.Type == ResourceChangeType.Snapshot)
            {
                // A snapshot is the whole truth for its subscription: whatever that subscription showed before is replaced.
                foreach (var key in map.Items.Keys.Where(k => watchedNamespace is null || NamespaceOf(k) == watchedNamespace).ToList())
                {
                    map.Items.Remove(key);
                    changed = true;
                }

                foreach (var item in change.Snapshot ?? [])
                {
                    if (InScope(item))
                    {
                        map.Items[Key(item)] = item;
                        changed = true;
                    }
                }

                changed |= map.Synced.Add(watchedNamespace ?? "");
            }
            else if (change.Item is { } item && InScope(item))
            {
                changed = change.Type == ResourceChangeType.Deleted ? map.Items.Remove(Key(item)) : Upsert(map, item);
            }

            if (changed)
            {
                Interlocked.Increment(ref _version);
            }

            return changed;
        }
    }

    private static bool Upsert<T>(ObjectMap<T> map, T item)
        where T : class, IKubernetesObject
    {
        var key = Key(item);
        if (map.Items.TryGetValue(key, out var existing) && existing.Metadata.ResourceVersion is { } seen && seen == item.Metadata.ResourceVersion)
        {
            return false;
        }

        map.Items[key] = item;
        return true;
    }

    private void TrimEvents()
    {
        var excess = _events.Items.Count - MaxEvents;
        if (excess <= 0)
        {
            return;
        }

        // The reverse of the display order: the oldest go.
        foreach (var row in _events.Items.Values.Select(EventRow.From).OrderBy(r => r.LastSeen).ThenBy(r => r.Revision).ThenByDescending(r => r.Name, StringComparer.Ordinal).Take(excess).ToList())
        {
            _events.Items.Remove($"{row.Namespace}/{row.Name}");
        }
    }

    private static long? RevisionOf(ObjectMeta metadata) =>
        metadata.Annotations?.GetValueOrDefault(RolloutStatusEvaluator.RevisionAnnotation) is { } text
        && long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var revision)
            ? revision
            : null;

    // The controller reference by uid when both sides have one (a re-created owner of the same name is another object), else by name.
    private static bool IsOwnedBy(ObjectMeta dependent, string ownerKind, ObjectMeta owner) =>
        dependent.OwnerReferences?.Any(r => r.Kind == ownerKind && r.Controller != false
            && (string.IsNullOrEmpty(r.Uid) || string.IsNullOrEmpty(owner.Uid) ? r.Name == owner.Name : r.Uid == owner.Uid)) == true;

    private bool InScope(IKubernetesObject item) => EnvironmentScope.Includes(_scope, item.Metadata.Namespace);

    private static string Key(IKubernetesObject item) => $"{item.Metadata.Namespace}/{item.Metadata.Name}";

    private static string NamespaceOf(string key) => key[..key.IndexOf('/', StringComparison.Ordinal)];

    private sealed class ObjectMap<T>
        where T : class, IKubernetesObject
    {
        public Dictionary<string, T> Items { get; } = new(StringComparer.Ordinal);

        /// <summary>The subscriptions ("" for the cluster-wide one) that delivered a snapshot.</summary>
        public HashSet<string> Synced { get; } = new(StringComparer.Ordinal);
    }
}
