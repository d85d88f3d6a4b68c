using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes.Watching;

/// <summary>A snapshot (with <see cref="Snapshot"/>) or a change to one object (with <see cref="Item"/>).</summary>
public sealed record ResourceChange<T>(ResourceChangeType Type, T? Item, IReadOnlyList<T>? Snapshot)
    where T : class, IKubernetesObject
{
    internal static ResourceChange<T> Of(ResourceChangeType type, T item) => new(type, item, null);

    internal static ResourceChange<T> SnapshotOf(IReadOnlyList<T> items) => new(ResourceChangeType.Snapshot, null, items);
}
