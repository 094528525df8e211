namespace ContainerMcp.Engine.Docker;

/// <summary>Joins a container to one more network: an egress proxy sits on the server's internal network and on a way out.</summary>
public sealed partial class DockerClient
{
    /// <exception cref="DockerNetworkNotFoundException">No such network.</exception>
    public async Task ConnectNetworkAsync(string network, string containerId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(containerId);
        using var content = JsonContent(new Dictionary<string, string> { ["Container"] = containerId });
        using var response = await SendAsync(HttpMethod.Post, NetworkPath(network, "/connect"), content: content,
            target: DockerTarget.Network(network), ct: ct).ConfigureAwait(false);
    }
}
