using System.Net.Http.Headers;
using System.Text.Json;
using ContainerMcp.Engine.Docker.Models;

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
    public async Task<ImageInspect> InspectImageAsync(string image, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var path = ImagePath(image, "/json");
        using var response = await SendAsync(HttpMethod.Get, path, target: DockerTarget.Image(image), ct: ct).ConfigureAwait(false);
        return await ReadJsonAsync<ImageInspect>(response, ct).ConfigureAwait(false);
    }

    /// <summary>Images carrying all the given labels (a null value means "label present, any value").</summary>
    public async Task<IReadOnlyList<ImageSummary>> ListImagesAsync(IReadOnlyDictionary<string, string?>? labels = null, CancellationToken ct = default)
    {
        var query = labels is { Count: > 0 } ? Query(("filters", DockerJson.LabelFilters(labels))) : null;
        using var response = await SendAsync(HttpMethod.Get, "/images/json", query, ct: ct).ConfigureAwait(false);
        return await ReadJsonAsync<List<ImageSummary>>(response, ct).ConfigureAwait(false);
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
        var parameters = new List<(string, string)> { ("t", tag), ("dockerfile", dockerfile), ("rm", "1"), ("forcerm", "1"), ("pull", "0") };
        if (labels is { Count: > 0 }) parameters.Add(("labels", JsonSerializer.Serialize(labels)));
        using var content = new StreamContent(context);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");

        string? id = null;
        try
        {
            using var response = await SendAsync(HttpMethod.Post, "/build", Query([.. parameters]), content, DockerTarget.Image(tag), ct, headersOnly: true).ConfigureAwait(false);
            await ReadMessagesAsync(response, "/build", message =>
            {
                if (message.Aux is { ValueKind: JsonValueKind.Object } aux && aux.TryGetProperty("ID", out var built)) id = built.GetString();
                if (message.Stream is { } text)
                {
                    foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        progress?.Report(new DockerProgress(line));
                }
                else if (message.Status is { } status)
                {
                    progress?.Report(new DockerProgress(status, message.Id, message.ProgressDetail?.Current, message.ProgressDetail?.Total));
                }
            }, error => new DockerImageBuildException(tag, error), ct).ConfigureAwait(false);
        }
        catch (DockerEngineException ex) when (ex is not (DockerImageBuildException or DockerUnreachableException))
        {
            throw new DockerImageBuildException(tag, ex.DaemonMessage ?? ex.Message, ex.StatusCode, ex);
        }

        return id ?? (await InspectImageAsync(tag, ct).ConfigureAwait(false)).Id;
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
        var parameters = new List<(string, string)> { ("fromSrc", "-"), ("repo", repository), ("tag", tag) };
        parameters.AddRange((changes ?? []).Select(c => ("changes", c)));
        using var content = new StreamContent(rootFilesystem);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");

        var name = $"{repository}:{tag}";
        string? id = null;
        using var response = await SendAsync(HttpMethod.Post, "/images/create", Query([.. parameters]), content, DockerTarget.Image(name), ct, headersOnly: true).ConfigureAwait(false);
        await ReadMessagesAsync(response, "/images/create", message =>
        {
            if (message.Status is { } status && status.StartsWith("sha256:", StringComparison.Ordinal)) id = status;
        }, error => new DockerEngineException($"Importing image '{name}' failed: {error}", daemonMessage: error), ct).ConfigureAwait(false);
        return id ?? (await InspectImageAsync(name, ct).ConfigureAwait(false)).Id;
    }

    /// <summary>Pulls an image (<c>POST /images/create?fromImage=</c>), reporting layer progress. A name without a tag pulls <c>latest</c>.</summary>
    /// <exception cref="DockerPullException">The registry could not be reached, or refused the image.</exception>
    public async Task PullImageAsync(string image, IProgress<DockerProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var (repository, tag) = ImageReference.Split(image);
        try
        {
            using var response = await SendAsync(
                HttpMethod.Post, "/images/create", Query(("fromImage", repository), ("tag", tag)), target: DockerTarget.Image(image), ct: ct, headersOnly: true).ConfigureAwait(false);
            await ReadMessagesAsync(response, "/images/create", message =>
            {
                if (message.Status is { } status)
                    progress?.Report(new DockerProgress(status, message.Id, message.ProgressDetail?.Current, message.ProgressDetail?.Total));
            }, error => PullFailure(image, error, null), ct).ConfigureAwait(false);
        }
        catch (DockerEngineException ex) when (ex is not (DockerPullException or DockerUnreachableException))
        {
            throw PullFailure(image, ex.DaemonMessage ?? ex.Message, ex.StatusCode);
        }
    }

    /// <summary>Removes an image (untags it; deletes it when no other tag remains). An image a container uses is refused unless forced.</summary>
    /// <exception cref="DockerImageNotFoundException">No such image.</exception>
    /// <exception cref="DockerConflictException">A container uses it.</exception>
    public async Task<IReadOnlyList<ImageDeleteResponseItem>> RemoveImageAsync(string image, bool force = false, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        using var response = await SendAsync(
            HttpMethod.Delete, ImagePath(image, ""), Query(("force", force ? "1" : "0")), target: DockerTarget.Image(image), ct: ct).ConfigureAwait(false);
        return await ReadJsonAsync<List<ImageDeleteResponseItem>>(response, ct).ConfigureAwait(false);
    }

    /// <summary>Gives an image another name (<c>POST /images/{image}/tag</c>); a name held by another image moves to this one.</summary>
    /// <exception cref="DockerImageNotFoundException">No such image.</exception>
    public async Task TagImageAsync(string image, string repository, string tag, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        using var response = await SendAsync(
            HttpMethod.Post, ImagePath(image, "/tag"), Query(("repo", repository), ("tag", tag)), target: DockerTarget.Image(image), ct: ct).ConfigureAwait(false);
    }

    private static DockerPullException PullFailure(string image, string reason, int? status) =>
        new(image, reason, UnreachableMarkers.Any(m => reason.Contains(m, StringComparison.OrdinalIgnoreCase)), status);

    // Image references contain '/' (repository paths) that the API expects unescaped.
    private static string ImagePath(string image, string suffix) =>
        $"/images/{string.Join('/', image.Split('/').Select(Uri.EscapeDataString))}{suffix}";

    /// <summary>Reads the JSON lines of a streaming answer; the first <c>error</c> ends the stream as the exception <paramref name="fail"/> makes.</summary>
    private async Task ReadMessagesAsync(
        HttpResponseMessage response, string path, Action<JsonMessage> onMessage, Func<string, Exception> fail, CancellationToken ct)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            using var reader = new StreamReader(body);
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                JsonMessage message;
                try
                {
                    message = JsonSerializer.Deserialize<JsonMessage>(line, DockerJson.Options) ?? new JsonMessage();
                }
                catch (JsonException)
                {
                    message = new JsonMessage { Stream = line };
                }

                if ((message.ErrorDetail?.Message ?? message.Error) is { } error) throw fail(error.Trim());
                onMessage(message);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw LostConnection(response.RequestMessage?.Method.Method ?? "POST", path, ex);
        }
    }
}
