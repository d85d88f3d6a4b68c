namespace Portal.Provisioning.Kubernetes;

/// <summary>The query of <c>GET …/pods/{name}/log</c> (no follow: a bounded read).</summary>
/// <param name="Container">Required when the pod has several containers.</param>
/// <param name="TailLines">The last N lines only.</param>
/// <param name="Previous">The previous (crashed) instance of the container, as <c>kubectl logs --previous</c>.</param>
/// <param name="LimitBytes">Stop after this many bytes.</param>
public sealed record PodLogOptions(string? Container = null, int? TailLines = null, bool Previous = false, int? LimitBytes = 64 * 1024);
