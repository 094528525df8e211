using Docker.DotNet.Models;

namespace ContainerMcp.Engine.Docker;

/// <summary>Image calls: inspect, list, build, import, pull and remove. Build, import and pull answer with a stream of JSON lines.</summary>
public sealed partial class DockerClient
{
    // Words of the daemon's answer when it could not reach a registry at all (DNS, refused, timeouts, no route).
    private static readonly string[] UnreachableMarkers =
    [
        "dial tcp", "no such host", "connection refused", "i/o timeout", "network is unreachable",
        "TLS handshake timeout", "Client.Timeout exceeded", "server misbehaving", "temporary failure in name resolution",
    ];

    /// <exception cref="DockerImageNotFoundException">The image is not present locally.</exception>
    public Task<ImageInspectResponse> InspectImageAsync(string image, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        return CallAsync("GET", $"/images/{image}/json", DockerTarget.Image(image), api => api.Images.InspectImageAsync(image, ct), ct);
    }

    /// <summary>Images carrying all the given labels (a null value means "label present, any value").</summary>
    public async Task<IReadOnlyList<ImagesListResponse>> ListImagesAsync(IReadOnlyDictionary<string, string?>? labels = null, CancellationToken ct = default)
    {
        var parameters = new ImagesListParameters { Filters = labels is { Count: > 0 } ? DockerJson.LabelFilters(labels) : null };
        return ReadOnly(await CallAsync("GET", "/images/json", DockerTarget.None, api => api.Images.ListImagesAsync(parameters, ct), ct).ConfigureAwait(false));
    }

    /// <summary>
    /// Builds an image from a tar build context (<c>POST /build</c>, the classic builder), tagged <paramref name="tag"/>.
    /// Nothing is pulled: a base image that is not local fails the build. Returns the new image's id.
    /// </summary>
    /// <exception cref="DockerImageBuildException">A step failed, or the daemon refused the context.</exception>
    public async Task<string> BuildImageAsync(
        Stream context, string tag, IReadOnlyDictionary<string, string>? labels = null, string dockerfile = "Dockerfile",
        IProgress<DockerProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var parameters = new ImageBuildParameters
        {
            Tags = [tag], Dockerfile = dockerfile, Remove = true, ForceRemove = true,
            Labels = labels is { Count: > 0 } ? labels.ToDictionary() : null,
        };
        string? id = null;
        var messages = new Messages(message =>
        {
            if (message.Aux?.ExtensionData?.TryGetValue("ID", out var built) == true) id = built?.ToString();
            if (message.Stream is { } text)
            {
                foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    progress?.Report(new DockerProgress(line));
            }
            else if (message.Status is { } status)
            {
                progress?.Report(new DockerProgress(status, message.ID, message.Progress?.Current, message.Progress?.Total));
            }
        }, error => new DockerImageBuildException(tag, error));
        try
        {
            await CallAsync("POST", "/build", DockerTarget.Image(tag),
                api => api.Images.BuildImageFromDockerfileAsync(parameters, context, null, null, messages, ct), ct).ConfigureAwait(false);
        }
        catch (DockerEngineException ex) when (ex is not (DockerImageBuildException or DockerUnreachableException))
        {
            throw new DockerImageBuildException(tag, ex.DaemonMessage ?? ex.Message, ex.StatusCode, ex);
        }

        return id ?? (await InspectImageAsync(tag, ct).ConfigureAwait(false)).ID;
    }

    /// <summary>
    /// Makes an image from a root filesystem tar (<c>POST /images/create?fromSrc=-</c>), with Dockerfile-style
    /// <paramref name="changes"/> (USER, ENV, WORKDIR, ENTRYPOINT, LABEL). Returns the new image's id.
    /// </summary>
    public async Task<string> ImportImageAsync(
        Stream rootFilesystem, string repository, string tag, IReadOnlyList<string>? changes = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rootFilesystem);
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var parameters = new ImagesCreateParameters { FromSrc = "-", Repo = repository, Tag = tag, Changes = changes?.ToList() };
        var name = $"{repository}:{tag}";
        string? id = null;
        var messages = new Messages(message =>
        {
            if (message.Status is { } status && status.StartsWith("sha256:", StringComparison.Ordinal)) id = status;
        }, error => new DockerEngineException($"Importing image '{name}' failed: {error}", daemonMessage: error));
        await CallAsync("POST", "/images/create", DockerTarget.Image(name),
            api => api.Images.CreateImageAsync(parameters, rootFilesystem, null, messages, ct), ct).ConfigureAwait(false);
        return id ?? (await InspectImageAsync(name, ct).ConfigureAwait(false)).ID;
    }

    /// <summary>Pulls an image (<c>POST /images/create?fromImage=</c>), reporting layer progress. A name without a tag pulls <c>latest</c>.</summary>
    /// <exception cref="DockerPullException">The registry could not be reached, or refused the image.</exception>
    public async Task PullImageAsync(string image, IProgress<DockerProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var (repository, tag) = ImageReference.Split(image);
        var parameters = new ImagesCreateParameters { FromImage = repository, Tag = tag };
        var messages = new Messages(message =>
        {
            if (message.Status is { } status)
                progress?.Report(new DockerProgress(status, message.ID, message.Progress?.Current, message.Progress?.Total));
        }, error => PullFailure(image, error, null));
        try
        {
            await CallAsync("POST", "/images/create", DockerTarget.Image(image),
                api => api.Images.CreateImageAsync(parameters, null, messages, ct), ct).ConfigureAwait(false);
        }
        catch (DockerEngineException ex) when (ex is not (DockerPullException or DockerUnreachableException))
        {
            throw PullFailure(image, ex.DaemonMessage ?? ex.Message, ex.StatusCode);
        }
    }

    /// <summary>Removes an image (untags it; deletes it when no other tag remains). An image a container uses is refused unless forced.</summary>
    /// <exception cref="DockerImageNotFoundException">No such image.</exception>
    /// <exception cref="DockerConflictException">A container uses it.</exception>
    public Task RemoveImageAsync(string image, bool force = false, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        return CallAsync("DELETE", $"/images/{image}", DockerTarget.Image(image),
            api => api.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = force }, ct), ct);
    }

    /// <summary>Gives an image another name (<c>POST /images/{image}/tag</c>); a name held by another image moves to this one.</summary>
    /// <exception cref="DockerImageNotFoundException">No such image.</exception>
    public Task TagImageAsync(string image, string repository, string tag, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        return CallAsync("POST", $"/images/{image}/tag", DockerTarget.Image(image),
            api => api.Images.TagImageAsync(image, new ImageTagParameters { RepositoryName = repository, Tag = tag }, ct), ct);
    }

    private static DockerPullException PullFailure(string image, string reason, int? status) =>
        new(image, reason, UnreachableMarkers.Any(m => reason.Contains(m, StringComparison.OrdinalIgnoreCase)), status);

    /// <summary>
    /// Takes the JSON lines of a streaming answer as the library reads them, synchronously; the first <c>error</c>
    /// ends the stream as the exception <c>fail</c> makes.
    /// </summary>
    private sealed class Messages(Action<JSONMessage> onMessage, Func<string, Exception> fail) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value)
        {
            if (value.Error?.Message is { } error) throw fail(error.Trim());
            onMessage(value);
        }
    }
}
