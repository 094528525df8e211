namespace ContainerMcp.Engine.Docker;

/// <summary>A line of progress from a build, import or pull, as the caller shows it.</summary>
/// <param name="Text">What the daemon said, one line (a build step, "Downloading", …).</param>
/// <param name="Id">The layer or image the line is about, when it names one.</param>
/// <param name="Current">Bytes done, for transfers.</param>
/// <param name="Total">Bytes in all, for transfers.</param>
public sealed record DockerProgress(string Text, string? Id = null, long? Current = null, long? Total = null)
{
    /// <summary>Whole percent done when both counts are known, else -1.</summary>
    public int Percent => Current is { } c && Total is { } t && t > 0 ? (int)Math.Clamp(c * 100 / t, 0, 100) : -1;
}
