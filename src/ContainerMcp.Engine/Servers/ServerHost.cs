using ContainerMcp.Engine.Audit;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Engines;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// What a server needs from the session it belongs to, handed to it rather than fetched: the engine its containers
/// run on (its one client in the session), where its calls and lifecycle are audited, the session's container cap and the session id
/// its containers are labelled with, and who answers what the server asks of its client.
/// </summary>
internal sealed record ServerHost(EngineConnection Engine, string SessionId, AuditLog? Audit, IContainerCapacity Capacity, IMcpClientHost Client)
{
    public DockerClient Docker => Engine.Client;
}

/// <summary>The session's cap on running containers, asked before a server starts one.</summary>
internal interface IContainerCapacity
{
    /// <summary>Throws <see cref="McpServerCapacityException"/> when <paramref name="requester"/> may not start one more.</summary>
    void EnsureRoomFor(ManagedServer requester);
}
