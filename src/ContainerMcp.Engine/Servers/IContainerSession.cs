using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// One container and the MCP session over it, as the supervisor sees it: something it launches, hands requests to,
/// pings, watches for its end and stops. <see cref="ContainerSession"/> is the real one (with the MCP requests); the
/// seam lets the lifecycle be tested without a daemon.
/// </summary>
internal interface IContainerSession
{
    string ContainerId { get; }
    string ContainerName { get; }

    /// <summary>True once the container ended without being asked to.</summary>
    bool HasEnded { get; }

    /// <summary>Completes once the container has ended and how is recorded: true when nobody asked it to.</summary>
    Task<bool> Ended { get; }

    ContainerExit? Exit { get; }
    McpServerIdentity? Identity { get; }
    TimeSpan Uptime { get; }

    /// <summary>Requests under way; <see cref="Enter"/> when a request chooses this session, <see cref="Leave"/> when it is done.</summary>
    int InFlight { get; }
    void Enter();
    void Leave();

    IReadOnlyList<string> GetStderr(int? tail = null);

    Task<TimeSpan> PingAsync(TimeSpan? timeout = null, CancellationToken ct = default);

    /// <summary>The container's state and memory as the daemon reports them now.</summary>
    Task<ContainerProbe> ProbeContainerAsync(CancellationToken ct);

    /// <summary>Ends the session and removes the container; a container already gone counts as stopped.</summary>
    Task StopAsync(CancellationToken ct = default);
}

/// <summary>Starts a new container with its MCP session, under the given token; on failure nothing is left running.</summary>
internal delegate Task<TSession> SessionLauncher<TSession>(IProgress<string>? progress, CancellationToken ct);
