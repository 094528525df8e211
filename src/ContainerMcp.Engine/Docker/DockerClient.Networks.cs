using System.Text.Json;
using ContainerMcp.Engine.Docker.Models;

namespace ContainerMcp.Engine.Docker;

/// <summary>The network calls of the Engine API: create, inspect, list, list the containers on one, remove.</summary>
public sealed partial class DockerClient
{
    /// <exception cref="DockerConflictException">A network of that name exists already.</exception>
    public async Task<NetworkCreateResponse> CreateNetworkAsync(NetworkCreateRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name);
        using var content = JsonContent(request);
        using var response = await SendAsync(HttpMethod.Post, "/networks/create", content: content,
            target: DockerTarget.Network(request.Name), ct: ct).ConfigureAwait(false);
        return await ReadJsonAsync<NetworkCreateResponse>(response, ct).ConfigureAwait(false);
    }

    /// <summary>The network by name or id, with the running containers on it.</summary>
    /// <exception cref="DockerNetworkNotFoundException">No such network.</exception>
    public async Task<NetworkInspect> InspectNetworkAsync(string network, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, NetworkPath(network, ""), target: DockerTarget.Network(network), ct: ct).ConfigureAwait(false);
        return await ReadJsonAsync<NetworkInspect>(response, ct).ConfigureAwait(false);
    }

    /// <summary>Networks carrying all the given labels (a null value means "label present, any value").</summary>
    public async Task<IReadOnlyList<NetworkInspect>> ListNetworksAsync(IReadOnlyDictionary<string, string?>? labels = null, CancellationToken ct = default)
    {
        var query = labels is { Count: > 0 } ? Query(("filters", DockerJson.LabelFilters(labels))) : null;
        using var response = await SendAsync(HttpMethod.Get, "/networks", query, ct: ct).ConfigureAwait(false);
        return await ReadJsonAsync<List<NetworkInspect>>(response, ct).ConfigureAwait(false);
    }

    /// <summary>Every container, running or not, attached to the network (by name or id): what keeps it in use.</summary>
    public async Task<IReadOnlyList<ContainerSummary>> ListNetworkContainersAsync(string network, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(network);
        return await QueryContainersAsync(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["network"] = [network] }), all: true, ct)
            .ConfigureAwait(false);
    }

    /// <exception cref="DockerNetworkNotFoundException">No such network.</exception>
    /// <exception cref="DockerConflictException">A running container still uses it.</exception>
    public async Task RemoveNetworkAsync(string network, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, NetworkPath(network, ""), target: DockerTarget.Network(network), ct: ct).ConfigureAwait(false);
    }

    private static string NetworkPath(string network, string suffix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(network);
        return $"/networks/{Uri.EscapeDataString(network)}{suffix}";
    }
}
