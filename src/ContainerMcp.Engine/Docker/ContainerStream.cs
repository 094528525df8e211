namespace ContainerMcp.Engine.Docker;

/// <summary>Which standard stream a piece of container output belongs to; values match the multiplexing header.</summary>
public enum ContainerStream
{
    Stdin = 0,
    Stdout = 1,
    Stderr = 2,
}
