namespace ContainerMcp.Engine.Engines;

/// <summary>An engine name (<c>-Engine</c>, <c>engine:</c>, DOCKER_CONTEXT) that names no engine this machine describes, or one that cannot be used.</summary>
public sealed class UnknownEngineException(string engine, string message) : EngineException(message)
{
    /// <summary>The name or endpoint as it was given.</summary>
    public string Engine { get; } = engine;

    public override EngineErrorKind Kind => EngineErrorKind.InvalidArgument;
}
