using Portal.Data.Entities;

namespace Portal.Provisioning.Releases;

/// <summary>The result of a release job, stored as its ResultJson.</summary>
/// <param name="ReleaseId">The release record.</param>
/// <param name="Status">Succeeded or Failed.</param>
/// <param name="Verdict">The final rollout verdict text.</param>
/// <param name="ImageBefore">The image that ran before.</param>
/// <param name="ImageAfter">The image released.</param>
/// <param name="Problems">Containers that did not come up (failed rollouts).</param>
public sealed record ReleaseJobResult(long ReleaseId, ReleaseStatus Status, string Verdict, string? ImageBefore, string? ImageAfter, IReadOnlyList<PodProblem> Problems);
