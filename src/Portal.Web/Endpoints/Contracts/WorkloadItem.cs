using Portal.Data.Queries;

namespace Portal.Web.Endpoints.Contracts;

/// <summary>A releasable workload of an environment: where it runs, the image it runs now, and its latest release.</summary>
/// <param name="Name">The template workload's name.</param>
/// <param name="Namespace">The Deployment's namespace.</param>
/// <param name="Deployment">The Deployment's name.</param>
/// <param name="Container">The released container.</param>
/// <param name="Strategy"><c>pulumi-config</c> or <c>patch</c>.</param>
/// <param name="Image">The image running now (read from the cluster), or null.</param>
/// <param name="ImageProblem">Why the image could not be read.</param>
/// <param name="LastRelease">The workload's newest release record.</param>
public sealed record WorkloadItem(
    string Name, string Namespace, string Deployment, string Container, string Strategy, string? Image, string? ImageProblem, ReleaseSummary? LastRelease);
