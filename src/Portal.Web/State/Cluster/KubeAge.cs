namespace Portal.Web.State.Cluster;

/// <summary>Ages as kubectl prints them (42s, 5m, 3h, 2d): short enough for a grid cell.</summary>
public static class KubeAge
{
    public static string Format(DateTimeOffset? since, DateTimeOffset now)
    {
        if (since is not { } start)
        {
            return "—";
        }

        var age = now - start;
        return age switch
        {
            { TotalSeconds: < 1 } => "0s",
            { TotalMinutes: < 2 } => $"{(int)age.TotalSeconds}s",
            { TotalHours: < 2 } => $"{(int)age.TotalMinutes}m",
            { TotalDays: < 2 } => $"{(int)age.TotalHours}h",
            _ => $"{(int)age.TotalDays}d",
        };
    }
}
