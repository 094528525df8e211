using Docker.DotNet.Models;

namespace ContainerMcp.Engine.Docker;

/// <summary>The volume calls of the Engine API (create, inspect, list, remove), and the archive calls that prepare one.</summary>
public sealed partial class DockerClient
{
    /// <summary>Creates the named volume; the daemon answers with the existing one when the name is taken.</summary>
    public Task<VolumeResponse> CreateVolumeAsync(VolumesCreateParameters request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name);
        return CallAsync("POST", "/volumes/create", DockerTarget.Volume(request.Name), api => api.Volumes.CreateAsync(request, ct), ct);
    }

    /// <exception cref="DockerVolumeNotFoundException">No such volume.</exception>
    public Task<VolumeResponse> InspectVolumeAsync(string volume, CancellationToken ct = default) =>
        CallAsync("GET", VolumePath(volume), DockerTarget.Volume(volume), api => api.Volumes.InspectAsync(volume, ct), ct);

    /// <summary>Volumes carrying all the given labels (a null value means "label present, any value").</summary>
    public async Task<IReadOnlyList<VolumeResponse>> ListVolumesAsync(IReadOnlyDictionary<string, string?>? labels = null, CancellationToken ct = default)
    {
        var parameters = new VolumesListParameters { Filters = labels is { Count: > 0 } ? DockerJson.LabelFilters(labels) : null };
        var list = await CallAsync("GET", "/volumes", DockerTarget.None, api => api.Volumes.ListAsync(parameters, ct), ct).ConfigureAwait(false);
        return ReadOnly(list.Volumes);
    }

    /// <summary>Every container, running or not, that mounts the volume: what keeps it in use.</summary>
    public Task<IReadOnlyList<ContainerListResponse>> ListVolumeContainersAsync(string volume, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(volume);
        return QueryContainersAsync(DockerJson.Filter("volume", volume), all: true, ct);
    }

    /// <exception cref="DockerVolumeNotFoundException">No such volume.</exception>
    /// <exception cref="DockerConflictException">A container still uses it.</exception>
    public Task RemoveVolumeAsync(string volume, CancellationToken ct = default) =>
        CallAsync("DELETE", VolumePath(volume), DockerTarget.Volume(volume), api => api.Volumes.RemoveAsync(volume, null, ct), ct);

    /// <summary>
    /// Extracts a tar archive into a container (created, running or stopped) at <paramref name="path"/>, a directory
    /// that must exist; it reaches into the container's volumes too, and keeps the entries' owners and modes.
    /// </summary>
    public Task ExtractArchiveAsync(string id, string path, Stream archive, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        return CallAsync("PUT", ContainerPath(id, "/archive"), DockerTarget.Container(id),
            api => api.Containers.ExtractArchiveToContainerAsync(id, new CopyToContainerParameters { Path = path }, archive, ct), ct);
    }

    /// <summary>A file of a container (created, running or stopped) as the daemon sends it: a tar archive, read whole.</summary>
    /// <exception cref="DockerContainerNotFoundException">No such container, or no such path in it.</exception>
    public Task<byte[]> GetArchiveAsync(string id, string path, CancellationToken ct = default) =>
        CallAsync("GET", ContainerPath(id, "/archive"), DockerTarget.Container(id), async api =>
        {
            var archive = await api.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = path }, statOnly: false, ct).ConfigureAwait(false);
            await using var stream = archive.Stream ?? Stream.Null;
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes, ct).ConfigureAwait(false);
            return bytes.ToArray();
        }, ct);

    private static string VolumePath(string volume)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(volume);
        return $"/volumes/{Uri.EscapeDataString(volume)}";
    }
}
