namespace ContainerMcp.Bench;

/// <summary>Summary of one series of samples. Percentiles are nearest-rank: the smallest sample with at least p% of
/// samples at or below it (so the median of an even count is the lower middle sample).</summary>
public sealed record Stats(int Count, double Median, double P95, double Mean, double Min, double Max)
{
    public static Stats Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0) throw new ArgumentException("No samples.", nameof(samples));
        var sorted = samples.Order().ToArray();
        return new Stats(sorted.Length, NearestRank(sorted, 50), NearestRank(sorted, 95), sorted.Average(), sorted[0], sorted[^1]);
    }

    /// <summary>The value at rank ceil(p/100 · n), 1-based, of ascending <paramref name="sorted"/>.</summary>
    public static double NearestRank(double[] sorted, double percent)
    {
        int rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
