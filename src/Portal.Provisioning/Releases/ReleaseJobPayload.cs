using Portal.Data.Entities;

namespace Portal.Provisioning.Releases;

/// <summary>The input of a release job; the release record it finishes is found by the job's id.</summary>
/// <param name="Workload">The template workload.</param>
/// <param name="Kind">Release, rollback or restart.</param>
/// <param name="Image">The image to run (null for a restart).</param>
public sealed record ReleaseJobPayload(string Workload, ReleaseKind Kind, string? Image);
