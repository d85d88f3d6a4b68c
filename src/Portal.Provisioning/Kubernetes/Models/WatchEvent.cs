namespace Portal.Provisioning.Kubernetes.Models;

/// <summary>One line of a watch stream. For ERROR events <see cref="Error"/> is set instead of <see cref="Item"/>.</summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Item, Status? Error)
    where T : class, IKubernetesObject;
