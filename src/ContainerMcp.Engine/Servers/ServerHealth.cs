namespace ContainerMcp.Engine.Servers;

public enum HealthStatus { Healthy, Unhealthy, Stopped }

/// <summary>One health check: an MCP ping and the container's state, with what is known of restarts and errors.</summary>
public sealed record ServerHealth
{
    public required string ServerName { get; init; }
    public required HealthStatus Status { get; init; }

    /// <summary>Why the status is what it is, in a few words ("ping answered", "restarting after …").</summary>
    public required string Reason { get; init; }

    public McpServerState State { get; init; }
    public TimeSpan? PingLatency { get; init; }
    public string? ContainerState { get; init; }
    public long? MemoryBytes { get; init; }
    public int Restarts { get; init; }
    public TimeSpan Uptime { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CheckedAt { get; init; } = DateTimeOffset.Now;
}
