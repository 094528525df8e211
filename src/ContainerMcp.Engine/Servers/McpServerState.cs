namespace ContainerMcp.Engine.Servers;

public enum McpServerState
{
    /// <summary>Container launching or MCP handshake under way.</summary>
    Starting,
    /// <summary>Initialised and answering.</summary>
    Running,
    /// <summary>Being stopped on request.</summary>
    Stopping,
    /// <summary>Stopped on request; its container is removed.</summary>
    Stopped,
    /// <summary>Its container ended without being asked to (crash, kill, out of memory).</summary>
    Exited,
}
