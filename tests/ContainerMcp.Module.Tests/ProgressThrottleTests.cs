using ContainerMcp.Support;

namespace ContainerMcp.Module.Tests;

/// <summary>Progress is drawn a few times a second: the first and the completed update always, driven by a test clock.</summary>
public sealed class ProgressThrottleTests
{
    private TimeSpan _now = TimeSpan.FromSeconds(100);
    private readonly ProgressThrottle _throttle;

    public ProgressThrottleTests() => _throttle = new ProgressThrottle(() => _now, TimeSpan.FromMilliseconds(250));

    private void Elapse(int milliseconds) => _now += TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void Fifty_updates_in_one_second_draw_a_handful_with_the_first_and_the_last()
    {
        var shown = new List<int>();
        for (int i = 0; i < 50; i++)
        {
            if (_throttle.ShouldShow(1, completed: false)) shown.Add(i);
            Elapse(20);
        }
        if (_throttle.ShouldShow(1, completed: true)) shown.Add(50);

        Assert.Equal(0, shown[0]);          // the first shows at once
        Assert.Equal(50, shown[^1]);        // and the completed one
        Assert.InRange(shown.Count, 4, 7);  // a second of updates: about four, not fifty
        Assert.All(shown.Zip(shown.Skip(1)).SkipLast(1), pair => Assert.True((pair.Second - pair.First) * 20 >= 250));
    }

    [Fact]
    public void An_update_after_a_quiet_spell_shows_at_once()
    {
        Assert.True(_throttle.ShouldShow(1, completed: false));
        Elapse(100);
        Assert.False(_throttle.ShouldShow(1, completed: false));
        Elapse(150);
        Assert.True(_throttle.ShouldShow(1, completed: false));
    }

    [Fact]
    public void Activities_are_throttled_apart_and_a_completed_one_starts_afresh()
    {
        Assert.True(_throttle.ShouldShow(1, completed: false));
        Assert.True(_throttle.ShouldShow(2, completed: false));   // another activity's first update
        Assert.False(_throttle.ShouldShow(1, completed: false));
        Assert.True(_throttle.ShouldShow(1, completed: true));    // completed: always
        Assert.True(_throttle.ShouldShow(1, completed: false));   // the next start of activity 1 is a first update again
    }
}
