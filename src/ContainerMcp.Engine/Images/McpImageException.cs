namespace ContainerMcp.Engine.Images;

/// <summary>An image could not be made: a missing runtime or base image, a package that could not be installed, a bad recipe.</summary>
public sealed class McpImageException(string message, Exception? innerException = null, NextStep next = NextStep.None)
    : EngineException(message, innerException)
{
    public override NextStep NextStep => next;
}
