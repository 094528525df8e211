namespace ContainerMcp;

public enum McpHealthStatus
{
    Healthy,
    Unhealthy,
    Stopped,
}

/// <summary>One health check of a server: an MCP ping, the container's state and its memory.</summary>
public sealed class McpServerHealth
{
    public required string ServerName { get; init; }
    public required McpHealthStatus Status { get; init; }
    public TimeSpan? PingLatency { get; init; }
    public double? PingMs => PingLatency?.TotalMilliseconds is { } ms ? Math.Round(ms, 1) : null;
    public string? ContainerState { get; init; }
    public int Restarts { get; init; }
    public TimeSpan Uptime { get; init; }
    public long? MemoryBytes { get; init; }
    public double? MemoryMB => MemoryBytes is { } bytes ? Math.Round(bytes / 1048576.0, 1) : null;
    public string? LastError { get; init; }
    public DateTimeOffset CheckedAt { get; init; } = DateTimeOffset.Now;
}
