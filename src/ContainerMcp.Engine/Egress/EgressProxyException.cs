namespace ContainerMcp.Engine.Egress;

/// <summary>A server's egress proxy could not be started (no image, a network missing, Squid refused its configuration).</summary>
public sealed class EgressProxyException(string serverName, string message, EngineErrorKind kind = EngineErrorKind.Unavailable, Exception? inner = null)
    : EngineException(message, inner)
{
    public string ServerName { get; } = serverName;
    public override EngineErrorKind Kind => kind;
}
