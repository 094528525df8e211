using ContainerMcp.Engine.Docker.Models;

namespace ContainerMcp.Engine.Docker;

/// <summary>
/// What an engine says of itself, for Get-McpEngine only: <c>/version</c> with its components (Podman names itself
/// there) and <c>/info</c> (rootless, operating system). Not on any start path: Podman's <c>/version</c> takes a second.
/// </summary>
public sealed partial class DockerClient
{
    public async Task<DockerVersionReport> GetVersionReportAsync(CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "/version", ct: ct, versioned: false).ConfigureAwait(false);
        return await ReadJsonAsync<DockerVersionReport>(response, ct).ConfigureAwait(false);
    }

    public async Task<DockerSystemInfo> GetSystemInfoAsync(CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "/info", ct: ct).ConfigureAwait(false);
        return await ReadJsonAsync<DockerSystemInfo>(response, ct).ConfigureAwait(false);
    }
}
