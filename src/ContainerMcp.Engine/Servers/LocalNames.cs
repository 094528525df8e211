using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Images;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// What a user may name that the daemon already has: local images (ours first) and networks. For completion, so
/// each is one list call; a caller bounds the wait.
/// </summary>
public sealed class LocalNames(DockerClient docker)
{
    /// <summary>The networks every daemon has, offered first, in this order.</summary>
    public static IReadOnlyList<string> BuiltInNetworks { get; } = ["none", "host", "bridge"];

    /// <summary>Every tagged local image as repository:tag, those ContainerMcp made first, each group by name.</summary>
    public async Task<IReadOnlyList<LocalImage>> ImagesAsync(CancellationToken ct = default)
    {
        var images = await docker.ListImagesAsync(ct: ct).ConfigureAwait(false);
        return images
            .SelectMany(i => (i.RepoTags ?? [])
                .Where(t => t != "<none>:<none>")
                .Select(t => new LocalImage(t, i.Labels.ValueOrNull(ImageLabels.Managed) == "true", i.Labels.ValueOrNull(ImageLabels.Role))))
            .DistinctBy(i => i.Name)
            .OrderBy(i => i.MadeHere ? 0 : 1)
            .ThenBy(i => i.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>none, host and bridge, then every other network of the daemon by name.</summary>
    public async Task<IReadOnlyList<LocalNetwork>> NetworksAsync(CancellationToken ct = default)
    {
        var networks = await docker.ListNetworksAsync(ct: ct).ConfigureAwait(false);
        return
        [
            .. BuiltInNetworks.Select(n => new LocalNetwork(n, null, false)),
            .. networks
                .Where(n => !BuiltInNetworks.Contains(n.Name))
                .OrderBy(n => n.Name, StringComparer.Ordinal)
                .Select(n => new LocalNetwork(n.Name, n.Driver, n.Internal)),
        ];
    }
}

/// <summary>A local image a server may run.</summary>
/// <param name="Name">repository:tag.</param>
/// <param name="MadeHere">True for an image ContainerMcp made (labelled as ours).</param>
/// <param name="Role"><c>server</c> or <c>base</c> for ours; null for the others.</param>
public sealed record LocalImage(string Name, bool MadeHere, string? Role);

/// <summary>A network a server may join.</summary>
/// <param name="Name">As <c>network:</c> and -Network take it.</param>
/// <param name="Driver">The daemon's driver; null for the built-in names, which need no lookup.</param>
/// <param name="Internal">True for a network with no route out.</param>
public sealed record LocalNetwork(string Name, string? Driver, bool Internal);
