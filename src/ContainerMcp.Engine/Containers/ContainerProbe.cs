namespace ContainerMcp.Engine.Containers;

/// <summary>What the daemon says of a running container at one moment: its state and its memory use in bytes.</summary>
public sealed record ContainerProbe(string State, long? MemoryBytes);
