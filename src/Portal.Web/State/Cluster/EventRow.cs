using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Web.State.Cluster;

/// <summary>
/// One core/v1 Event: what happened to which object, how often, and when last. <see cref="Revision"/> (the resourceVersion
/// when it is a number, as etcd's are) orders events of the same second.
/// </summary>
public sealed record EventRow(
    string Namespace, string Name, string Type, string Reason, string InvolvedObject, string Message, int Count, DateTimeOffset? LastSeen, long Revision)
{
    public bool IsWarning => Type == "Warning";

    public static EventRow From(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var involved = e.InvolvedObject;
        return new EventRow(
            e.Metadata.Namespace ?? "",
            e.Metadata.Name ?? "",
            e.Type ?? "Normal",
            e.Reason ?? "",
            $"{involved.Kind?.ToLowerInvariant()}/{involved.Name}",
            e.Message ?? "",
            e.Count ?? 1,
            LastSeenOf(e),
            long.TryParse(e.Metadata.ResourceVersion, out var revision) ? revision : 0);
    }

    /// <summary>When the event last happened: lastTimestamp, else firstTimestamp, else when the object was created.</summary>
    public static DateTimeOffset? LastSeenOf(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.LastTimestamp ?? e.FirstTimestamp ?? e.Metadata.CreationTimestamp;
    }
}
