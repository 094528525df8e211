namespace ContainerMcp.Engine.Servers;

/// <summary>
/// What happens when a running server's container dies: restarted after an exponentially growing delay, up to
/// <see cref="MaxRestarts"/> times in a row; a container that then stays up for <see cref="StableAfter"/> resets the count.
/// </summary>
public sealed record RestartPolicy
{
    public static RestartPolicy Default { get; } = new();

    /// <summary>Never restart: a dead container leaves the server Exited.</summary>
    public static RestartPolicy None { get; } = new() { MaxRestarts = 0 };

    public int MaxRestarts { get; init; } = 5;
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a call waits for a restarting server before it fails.</summary>
    public TimeSpan CallWaitLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The delay before restart number <paramref name="attempt"/> (1-based): initial, 2×, 4× … capped.</summary>
    public TimeSpan DelayBefore(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, InitialDelay.Ticks * (1L << Math.Clamp(attempt - 1, 0, 30))));
}
