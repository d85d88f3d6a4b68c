namespace Portal.Web.State;

public static class Durations
{
    /// <summary>"850 ms", "42 s", "3 min 5 s", "1 h 2 min": short enough for a grid cell.</summary>
    public static string Format(TimeSpan? duration) => duration switch
    {
        null => "",
        { TotalSeconds: < 1 } d => $"{d.TotalMilliseconds:0} ms",
        { TotalMinutes: < 1 } d => $"{d.TotalSeconds:0.#} s",
        { TotalHours: < 1 } d => $"{(int)d.TotalMinutes} min {d.Seconds} s",
        { } d => $"{(int)d.TotalHours} h {d.Minutes} min",
    };
}
