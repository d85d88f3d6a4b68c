using Portal.Data.Queries;

namespace Portal.Provisioning.Releases;

/// <summary>What differs between two releases of an environment: the image, then every parameter (secrets masked).</summary>
/// <param name="From">The older release.</param>
/// <param name="To">The newer release.</param>
/// <param name="Lines">The image line first, then parameters by name; unchanged lines included, marked.</param>
public sealed record ReleaseDiff(ReleaseSummary From, ReleaseSummary To, IReadOnlyList<ReleaseDiffLine> Lines);
