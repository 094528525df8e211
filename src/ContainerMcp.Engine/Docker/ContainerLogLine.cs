namespace ContainerMcp.Engine.Docker;

/// <summary>One line of a container's log, without its line terminator.</summary>
public sealed record ContainerLogLine(ContainerStream Stream, string Text);
