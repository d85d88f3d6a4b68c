namespace Portal.Web.State.Releases;

/// <summary>The last lines of a pod's container log, or why the cluster could not give them.</summary>
/// <param name="Pod">The pod's name.</param>
/// <param name="Container">The container read.</param>
/// <param name="Previous">Whether the previous (crashed) instance was read, as <c>kubectl logs --previous</c>.</param>
/// <param name="Lines">The lines, oldest first (empty when the container wrote nothing).</param>
/// <param name="Error">The cluster's answer when there is no log to read (such as a container still waiting to start).</param>
public sealed record PodLogTail(string Pod, string Container, bool Previous, IReadOnlyList<string> Lines, string? Error);
