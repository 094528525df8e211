namespace ContainerMcp;

public enum McpHealthStatus
{
    Healthy,
    Unhealthy,
    Stopped,
}

/// <summary>One health check of a server: its state, an MCP ping, the container's state and memory, its restarts.</summary>
public sealed class McpServerHealth
{
    internal McpServerHealth(ServerHealth health)
    {
        ServerName = health.ServerName;
        Status = (McpHealthStatus)(int)health.Status;
        Reason = health.Reason;
        State = health.State.ToString();
        PingLatency = health.PingLatency;
        ContainerState = health.ContainerState;
        Restarts = health.Restarts;
        Uptime = health.Uptime;
        MemoryBytes = health.MemoryBytes;
        LastError = health.LastError;
        CheckedAt = health.CheckedAt;
    }

    public string ServerName { get; }
    public McpHealthStatus Status { get; }

    /// <summary>Why the status is what it is, in a few words.</summary>
    public string Reason { get; }

    /// <summary>The server's state: Running, Idle, Restarting, Failed …</summary>
    public string State { get; }
    public TimeSpan? PingLatency { get; }
    public double? PingMs => PingLatency?.TotalMilliseconds is { } ms ? Math.Round(ms, 1) : null;
    public string? ContainerState { get; }
    public int Restarts { get; }
    public TimeSpan Uptime { get; }
    public long? MemoryBytes { get; }
    public double? MemoryMB => MemoryBytes is { } bytes ? Math.Round(bytes / 1048576.0, 1) : null;
    public string? LastError { get; }
    public DateTimeOffset CheckedAt { get; }
}
