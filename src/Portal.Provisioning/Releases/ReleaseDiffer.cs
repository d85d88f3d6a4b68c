using Portal.Data.Queries;

namespace Portal.Provisioning.Releases;

/// <summary>Compares two releases (in either order: the older one becomes <see cref="ReleaseDiff.From"/>).</summary>
public static class ReleaseDiffer
{
    public const string SecretMask = "[secret]";

    public static ReleaseDiff Compare(ReleaseSummary first, ReleaseSummary second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var (from, to) = first.Id <= second.Id ? (first, second) : (second, first);
        var lines = new List<ReleaseDiffLine>
        {
            new("image", from.ImageAfter, to.ImageAfter, IsSecret: false, Changed: !string.Equals(from.ImageAfter, to.ImageAfter, StringComparison.Ordinal)),
        };

        var (fromParameters, fromSecrets) = ReleaseConfigSnapshot.Read(from.ConfigJson);
        var (toParameters, toSecrets) = ReleaseConfigSnapshot.Read(to.ConfigJson);
        foreach (var key in fromParameters.Keys.Union(toParameters.Keys).Order(StringComparer.Ordinal))
        {
            var before = fromParameters.GetValueOrDefault(key);
            var after = toParameters.GetValueOrDefault(key);
            lines.Add(new ReleaseDiffLine(key, before, after, IsSecret: false, Changed: !string.Equals(before, after, StringComparison.Ordinal)));
        }

        foreach (var key in fromSecrets.Keys.Union(toSecrets.Keys).Order(StringComparer.Ordinal))
        {
            var before = fromSecrets.GetValueOrDefault(key);
            var after = toSecrets.GetValueOrDefault(key);
            lines.Add(new ReleaseDiffLine(key, before is null ? null : SecretMask, after is null ? null : SecretMask, IsSecret: true,
                Changed: !string.Equals(before, after, StringComparison.Ordinal)));
        }

        return new ReleaseDiff(from, to, lines);
    }
}
