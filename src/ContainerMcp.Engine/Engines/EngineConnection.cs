using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Engines;

/// <summary>An engine a session uses: the name it was chosen by (a context, <c>default</c>, <c>podman</c>, or the endpoint itself) and its one client.</summary>
public sealed record EngineConnection(string Name, DockerClient Client)
{
    public DockerEndpoint Endpoint => Client.Endpoint;

    public override string ToString() => Name == Endpoint.ToString() ? Name : $"{Name} ({Endpoint})";
}
