namespace ContainerMcp.Engine.Servers;

/// <summary>A network ContainerMcp created for servers that no container uses any more; <c>Reason</c> says why it is left over.</summary>
public sealed record OrphanedNetwork(string Id, string Name, bool Internal, DateTimeOffset Created, string Reason);
