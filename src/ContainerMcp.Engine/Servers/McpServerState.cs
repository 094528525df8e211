namespace ContainerMcp.Engine.Servers;

public enum McpServerState
{
    /// <summary>Container launching or MCP handshake under way.</summary>
    Starting,
    /// <summary>Initialised and answering.</summary>
    Running,
    /// <summary>Registered but no container runs (on-demand, before its first call or after idling): the next call starts one.</summary>
    Idle,
    /// <summary>Its container ended unexpectedly and a new one is being started (with backoff).</summary>
    Restarting,
    /// <summary>Being stopped on request.</summary>
    Stopping,
    /// <summary>Stopped on request; its container is removed.</summary>
    Stopped,
    /// <summary>Its container ended without being asked to (crash, kill, out of memory) and no restart was allowed.</summary>
    Exited,
    /// <summary>It kept crashing: the restart limit was reached. The reason quotes its last stderr lines.</summary>
    Failed,
    /// <summary>Its Docker engine stopped answering: no crash of the server. Requests fail at once saying so; the engine is
    /// probed with backoff, and once it answers a new container is started, with no one acting.</summary>
    WaitingForEngine,
}
