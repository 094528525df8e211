using Docker.DotNet.Models;

namespace ContainerMcp.Engine.Docker;

/// <summary>The network calls of the Engine API: create, inspect, list, list the containers on one, remove.</summary>
public sealed partial class DockerClient
{
    /// <exception cref="DockerConflictException">A network of that name exists already.</exception>
    public Task<NetworksCreateResponse> CreateNetworkAsync(NetworksCreateParameters request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name);
        return CallAsync("POST", "/networks/create", DockerTarget.Network(request.Name), api => api.Networks.CreateNetworkAsync(request, ct), ct);
    }

    /// <summary>The network by name or id, with the running containers on it.</summary>
    /// <exception cref="DockerNetworkNotFoundException">No such network.</exception>
    public Task<NetworkResponse> InspectNetworkAsync(string network, CancellationToken ct = default) =>
        CallAsync("GET", NetworkPath(network), DockerTarget.Network(network), api => api.Networks.InspectNetworkAsync(network, ct), ct);

    /// <summary>Networks carrying all the given labels (a null value means "label present, any value").</summary>
    public async Task<IReadOnlyList<NetworkResponse>> ListNetworksAsync(IReadOnlyDictionary<string, string?>? labels = null, CancellationToken ct = default)
    {
        var parameters = new NetworksListParameters { Filters = labels is { Count: > 0 } ? DockerJson.LabelFilters(labels) : null };
        return ReadOnly(await CallAsync("GET", "/networks", DockerTarget.None, api => api.Networks.ListNetworksAsync(parameters, ct), ct).ConfigureAwait(false));
    }

    /// <summary>Every container, running or not, attached to the network (by name or id): what keeps it in use.</summary>
    public Task<IReadOnlyList<ContainerListResponse>> ListNetworkContainersAsync(string network, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(network);
        return QueryContainersAsync(DockerJson.Filter("network", network), all: true, ct);
    }

    /// <exception cref="DockerNetworkNotFoundException">No such network.</exception>
    /// <exception cref="DockerConflictException">A running container still uses it.</exception>
    public Task RemoveNetworkAsync(string network, CancellationToken ct = default) =>
        CallAsync("DELETE", NetworkPath(network), DockerTarget.Network(network), api => api.Networks.DeleteNetworkAsync(network, ct), ct);

    private static string NetworkPath(string network)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(network);
        return $"/networks/{Uri.EscapeDataString(network)}";
    }
}
