using Docker.DotNet.Models;

namespace ContainerMcp.Engine.Docker;

/// <summary>Joins a container to one more network: an egress proxy sits on the server's internal network and on a way out.</summary>
public sealed partial class DockerClient
{
    /// <exception cref="DockerNetworkNotFoundException">No such network.</exception>
    public Task ConnectNetworkAsync(string network, string containerId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(containerId);
        return CallAsync("POST", NetworkPath(network) + "/connect", DockerTarget.Network(network),
            api => api.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters { Container = containerId }, ct), ct);
    }
}
