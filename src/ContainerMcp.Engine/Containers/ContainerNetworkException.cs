using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Containers;

/// <summary>A network a server names cannot be used as asked, e.g. it exists but is not internal.</summary>
public sealed class ContainerNetworkException : DockerEngineException
{
    public ContainerNetworkException(string network, string message)
        : base(message)
    {
        Network = network;
    }

    public string Network { get; }
}
