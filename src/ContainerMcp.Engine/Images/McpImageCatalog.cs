using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Images;

/// <summary>The images ContainerMcp made (labelled <see cref="ImageLabels.Managed"/>): list and remove.</summary>
public sealed class McpImageCatalog(DockerClient docker)
{
    private static readonly Dictionary<string, string?> ManagedFilter = new() { [ImageLabels.Managed] = "true" };

    /// <summary>
    /// One entry per tag (an untagged image once, by id), newest first, each saying whether a container uses it. The
    /// <c>latest</c> tag is not an entry of its own: it shows as <see cref="McpImage.Latest"/> on the image it names.
    /// </summary>
    public async Task<IReadOnlyList<McpImage>> ListAsync(CancellationToken ct = default)
    {
        var images = await docker.ListImagesAsync(ManagedFilter, ct).ConfigureAwait(false);
        var used = await ImagesInUseAsync(ct).ConfigureAwait(false);
        return images
            .OrderByDescending(i => i.Created)
            .SelectMany(i => Names(i).Select(name => McpImage.From(name, i, used.Contains(i.ID))))
            .ToList();
    }

    private static IEnumerable<string> Names(global::Docker.DotNet.Models.ImagesListResponse image)
    {
        var tags = Tags(image.RepoTags);
        var named = tags.Where(t => !IsLatest(t) || !tags.Any(o => !IsLatest(o) && ImageReference.Split(o).Repository == ImageReference.Split(t).Repository)).ToList();
        return named.Count > 0 ? named : [image.ID];
    }

    private static List<string> Tags(IList<string>? repoTags) => (repoTags ?? []).Where(t => t != "<none>:<none>").ToList();

    private static bool IsLatest(string name) => ImageReference.Split(name).Tag == McpImageBuilder.LatestTag;

    /// <summary>Removes one image of ours by name or id, with every name it has (its <c>latest</c> tag too).</summary>
    /// <exception cref="McpImageException">It is not an image ContainerMcp made.</exception>
    /// <exception cref="DockerImageNotFoundException">No such image.</exception>
    /// <exception cref="DockerConflictException">A container uses it (and <paramref name="force"/> is not set).</exception>
    public async Task RemoveAsync(string image, bool force = false, CancellationToken ct = default)
    {
        global::Docker.DotNet.Models.ImageInspectResponse inspected;
        try { inspected = await docker.InspectImageAsync(image, ct).ConfigureAwait(false); }
        catch (DockerImageNotFoundException ex) { throw new DockerImageNotFoundException(image, ex.DaemonMessage, needed: false); }
        if (inspected.Config?.Labels.ValueOrNull(ImageLabels.Managed) != "true")
            throw new McpImageException($"Image '{image}' was not made by ContainerMcp, so it is not removed here. Remove it with the docker CLI if you mean to.");
        // Removing one of several tags would only untag it: remove each, and the image goes with the last. A container
        // using it is checked first, or the refusal would come at the last tag, the others already gone.
        if (!force && (await ImagesInUseAsync(ct).ConfigureAwait(false)).Contains(inspected.ID))
            throw new DockerConflictException($"Image '{image}' is used by a container, so it was not removed. Stop the servers that use it first, or remove it with force.");
        var tags = Tags(inspected.RepoTags);
        foreach (var name in tags.Count > 0 ? tags : [inspected.ID])
            await docker.RemoveImageAsync(name, force, ct).ConfigureAwait(false);
    }

    /// <summary>Pulls an image (where a registry is reachable) and describes it; it is not ours, so it carries no recipe.</summary>
    /// <exception cref="DockerPullException">No registry reachable, or the image refused.</exception>
    public async Task<McpImage> PullAsync(string image, IProgress<DockerProgress>? progress = null, CancellationToken ct = default)
    {
        await docker.PullImageAsync(image, progress, ct).ConfigureAwait(false);
        var name = ImageReference.WithTag(image);
        return McpImage.From(name, await docker.InspectImageAsync(name, ct).ConfigureAwait(false), reused: false);
    }

    /// <summary>The images of ours no container (running or stopped) uses.</summary>
    public async Task<IReadOnlyList<McpImage>> ListUnusedAsync(CancellationToken ct = default) =>
        (await ListAsync(ct).ConfigureAwait(false)).Where(i => !i.InUse).ToList();

    private async Task<HashSet<string>> ImagesInUseAsync(CancellationToken ct)
    {
        var containers = await docker.ListContainersAsync(all: true, ct: ct).ConfigureAwait(false);
        return containers.Select(c => c.ImageID).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }
}
