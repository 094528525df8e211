using System.Net.Http.Headers;
using System.Text.Json;
using ContainerMcp.Engine.Docker.Models;

namespace ContainerMcp.Engine.Docker;

/// <summary>The volume calls of the Engine API (create, inspect, list, remove), and the archive calls that prepare one.</summary>
public sealed partial class DockerClient
{
    /// <summary>Creates the named volume; the daemon answers with the existing one when the name is taken.</summary>
    public async Task<VolumeInspect> CreateVolumeAsync(VolumeCreateRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name);
        using var content = JsonContent(request);
        using var response = await SendAsync(HttpMethod.Post, "/volumes/create", content: content,
            target: DockerTarget.Volume(request.Name), ct: ct).ConfigureAwait(false);
        return await ReadJsonAsync<VolumeInspect>(response, ct).ConfigureAwait(false);
    }

    /// <exception cref="DockerVolumeNotFoundException">No such volume.</exception>
    public async Task<VolumeInspect> InspectVolumeAsync(string volume, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, VolumePath(volume), target: DockerTarget.Volume(volume), ct: ct).ConfigureAwait(false);
        return await ReadJsonAsync<VolumeInspect>(response, ct).ConfigureAwait(false);
    }

    /// <summary>Volumes carrying all the given labels (a null value means "label present, any value").</summary>
    public async Task<IReadOnlyList<VolumeInspect>> ListVolumesAsync(IReadOnlyDictionary<string, string?>? labels = null, CancellationToken ct = default)
    {
        var query = labels is { Count: > 0 } ? Query(("filters", DockerJson.LabelFilters(labels))) : null;
        using var response = await SendAsync(HttpMethod.Get, "/volumes", query, ct: ct).ConfigureAwait(false);
        return (await ReadJsonAsync<VolumeListResponse>(response, ct).ConfigureAwait(false)).Volumes ?? [];
    }

    /// <summary>Every container, running or not, that mounts the volume: what keeps it in use.</summary>
    public Task<IReadOnlyList<ContainerSummary>> ListVolumeContainersAsync(string volume, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(volume);
        return QueryContainersAsync(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["volume"] = [volume] }), all: true, ct);
    }

    /// <exception cref="DockerVolumeNotFoundException">No such volume.</exception>
    /// <exception cref="DockerConflictException">A container still uses it.</exception>
    public async Task RemoveVolumeAsync(string volume, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, VolumePath(volume), target: DockerTarget.Volume(volume), ct: ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Extracts a tar archive into a container (created, running or stopped) at <paramref name="path"/>, a directory
    /// that must exist; it reaches into the container's volumes too, and keeps the entries' owners and modes.
    /// </summary>
    public async Task ExtractArchiveAsync(string id, string path, Stream archive, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        using var content = new StreamContent(archive);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        using var response = await SendAsync(HttpMethod.Put, ContainerPath(id, "/archive"), Query(("path", path)), content,
            target: DockerTarget.Container(id), ct: ct).ConfigureAwait(false);
    }

    /// <summary>A file of a container (created, running or stopped) as the daemon sends it: a tar archive, read whole.</summary>
    /// <exception cref="DockerContainerNotFoundException">No such container, or no such path in it.</exception>
    public async Task<byte[]> GetArchiveAsync(string id, string path, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, ContainerPath(id, "/archive"), Query(("path", path)),
            target: DockerTarget.Container(id), ct: ct).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
    }

    private static string VolumePath(string volume)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(volume);
        return $"/volumes/{Uri.EscapeDataString(volume)}";
    }
}
