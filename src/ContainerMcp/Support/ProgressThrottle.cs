namespace ContainerMcp.Support;

/// <summary>
/// Decides which progress updates are drawn: a terminal redraws the whole bar for each, so an image build's steps,
/// written as they come, take longer to draw than to build. Per activity: the first update and a completed one always,
/// the others at most one per <see cref="Interval"/>. Thread-safe; the clock is given so a test can drive it.
/// </summary>
internal sealed class ProgressThrottle(Func<TimeSpan> clock, TimeSpan interval)
{
    /// <summary>Four updates a second: still moving, far fewer redraws.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<int, TimeSpan> _lastShown = [];
    private readonly Lock _gate = new();

    public ProgressThrottle() : this(StopwatchClock(), DefaultInterval)
    {
    }

    public TimeSpan Interval { get; } = interval;

    /// <summary>True when this update of <paramref name="activityId"/> is to be drawn.</summary>
    public bool ShouldShow(int activityId, bool completed)
    {
        lock (_gate)
        {
            var now = clock();
            if (completed)
            {
                _lastShown.Remove(activityId);   // the activity is over; its next update starts a new one
                return true;
            }
            if (_lastShown.TryGetValue(activityId, out var last) && now - last < Interval) return false;
            _lastShown[activityId] = now;
            return true;
        }
    }

    private static Func<TimeSpan> StopwatchClock()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        return () => watch.Elapsed;
    }
}
