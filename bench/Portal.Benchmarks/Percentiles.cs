namespace Portal.Benchmarks;

/// <summary>Nearest-rank percentiles of a sample of durations.</summary>
internal sealed class Percentiles
{
    private readonly double[] _sortedMilliseconds;

    public Percentiles(IEnumerable<TimeSpan> samples)
    {
        _sortedMilliseconds = [.. samples.Select(s => s.TotalMilliseconds).Order()];
        if (_sortedMilliseconds.Length == 0)
        {
            throw new ArgumentException("No samples.", nameof(samples));
        }
    }

    public int Count => _sortedMilliseconds.Length;

    public double Mean => _sortedMilliseconds.Average();

    public double Max => _sortedMilliseconds[^1];

    public double At(double percentile)
    {
        var rank = (int)Math.Ceiling(percentile / 100 * _sortedMilliseconds.Length);
        return _sortedMilliseconds[Math.Clamp(rank - 1, 0, _sortedMilliseconds.Length - 1)];
    }
}
