namespace ContainerMcp.Engine.Observability;

/// <summary>
/// A server's own numbers for the server listing: calls and failures since start, and the average and 95th percentile
/// of the last <see cref="Window"/> call durations (the Meter is for outside listeners; this needs no listener).
/// Thread-safe: parallel calls record at once.
/// </summary>
public sealed class CallStatistics
{
    public const int Window = 512;

    private readonly Lock _gate = new();
    private readonly double[] _recentMs = new double[Window];
    private int _next, _filled;
    private long _calls, _failures;

    public long Calls { get { lock (_gate) return _calls; } }
    public long Failures { get { lock (_gate) return _failures; } }

    public void Record(TimeSpan duration, bool failed)
    {
        lock (_gate)
        {
            _calls++;
            if (failed) _failures++;
            _recentMs[_next] = duration.TotalMilliseconds;
            _next = (_next + 1) % Window;
            _filled = Math.Min(_filled + 1, Window);
        }
    }

    /// <summary>Average and p95 in milliseconds over the recent window; null before the first call.</summary>
    public (double Average, double P95)? Durations()
    {
        double[] sorted;
        lock (_gate)
        {
            if (_filled == 0) return null;
            sorted = _recentMs[.._filled];
        }
        Array.Sort(sorted);
        // Nearest rank: the smallest duration that at least 95 % of the calls did not exceed.
        var rank = (int)Math.Ceiling(0.95 * sorted.Length) - 1;
        return (sorted.Average(), sorted[Math.Clamp(rank, 0, sorted.Length - 1)]);
    }
}
