namespace Portal.Provisioning.Kubernetes;

public sealed record WatchOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }

    /// <summary>Changes after this version; null or "0" starts with synthetic ADDED events for every object.</summary>
    public string? ResourceVersion { get; init; }

    public bool AllowBookmarks { get; init; } = true;

    /// <summary>Server-side timeout; null uses <see cref="KubernetesOptions.WatchTimeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }
}
