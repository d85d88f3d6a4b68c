namespace Portal.Provisioning.Kubernetes.Watching;

public sealed record ObserveOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Server-side timeout of each watch request; null uses the client's default.</summary>
    public TimeSpan? WatchTimeout { get; init; }

    /// <summary>Called on every (re)list; tests and diagnostics count re-lists after a 410.</summary>
    public Action? OnList { get; init; }
}
