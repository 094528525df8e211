using System.Globalization;
using ContainerMcp.Engine.Docker.Models;

namespace ContainerMcp.Engine.Docker;

/// <summary>
/// A small client for the Docker Engine API: the calls ContainerMcp needs, over a unix socket or tcp (optionally TLS).
/// Thread-safe; one instance per daemon is enough. This file: construction, version and the container calls; the
/// requests themselves are in <c>DockerClient.Http.cs</c>, images and networks in files of their own.
/// </summary>
public sealed partial class DockerClient : IDisposable
{

    private readonly DockerConnector _connector;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _negotiation = new(1, 1);
    private volatile string? _apiVersion;

    public DockerClient(DockerEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        _connector = new DockerConnector(endpoint);
        var handler = new SocketsHttpHandler
        {
            // Every transport (unix, tcp, TLS) is set up by the connector, so HttpClient only ever speaks plain HTTP/1.1.
            ConnectCallback = async (_, ct) => (await _connector.ConnectAsync(ct).ConfigureAwait(false)).Stream,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri("http://docker/"),
            // Wait and logs can legitimately take as long as the container runs; callers bound calls with their tokens.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("ContainerMcp");
    }

    public DockerEndpoint Endpoint { get; }

    /// <summary>A client for the daemon named by <c>DOCKER_HOST</c> (and TLS variables), or the local socket.</summary>
    public static DockerClient FromEnvironment() => new(DockerEndpoint.FromEnvironment());

    /// <summary>
    /// The API version used as URL prefix: the daemon's, capped at the newest this client knows. Asked once, on first use;
    /// a failed attempt is not remembered, so a daemon that comes up later is picked up. Read, as the docker CLI does,
    /// from the <c>Api-Version</c> header of <c>/_ping</c>: Podman answers <c>/version</c> only after running its
    /// runtime and monitor to report their versions (1–2 s), which every new session's first start would pay.
    /// </summary>
    public async Task<string> GetApiVersionAsync(CancellationToken ct = default)
    {
        if (_apiVersion is { } known)
        {
            return known;
        }

        await _negotiation.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_apiVersion is null)
            {
                var version = await PingApiVersionAsync(ct).ConfigureAwait(false) ?? (await GetVersionAsync(ct).ConfigureAwait(false)).ApiVersion;
                _apiVersion = DockerApiVersion.Negotiate(version);
            }

            return _apiVersion;
        }
        finally
        {
            _negotiation.Release();
        }
    }

    public async Task PingAsync(CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "/_ping", ct: ct, versioned: false).ConfigureAwait(false);
    }

    /// <summary>The <c>Api-Version</c> header of <c>/_ping</c>; null when the engine sends none (then <c>/version</c> tells).</summary>
    private async Task<string?> PingApiVersionAsync(CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, "/_ping", ct: ct, versioned: false).ConfigureAwait(false);
        return response.Headers.TryGetValues("Api-Version", out var values) && values.FirstOrDefault() is { Length: > 0 } version ? version : null;
    }

    public async Task<DockerVersion> GetVersionAsync(CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "/version", ct: ct, versioned: false).ConfigureAwait(false);
        return await ReadJsonAsync<DockerVersion>(response, ct).ConfigureAwait(false);
    }

    /// <exception cref="DockerImageNotFoundException">The image is not present locally.</exception>
    /// <exception cref="DockerConflictException">The name is already in use.</exception>
    public async Task<ContainerCreateResponse> CreateContainerAsync(ContainerCreateRequest request, string? name = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var content = JsonContent(request);
        var query = name is null ? null : Query(("name", name));
        using var response = await SendAsync(HttpMethod.Post, "/containers/create", query, content, DockerTarget.Image(request.Image), ct).ConfigureAwait(false);
        return await ReadJsonAsync<ContainerCreateResponse>(response, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Attaches to stdin, stdout and stderr, streaming from now on. Attach before starting the container so no output is missed.
    /// The container sees EOF on stdin after <see cref="HijackedStream.CloseWriteAsync"/> only if it was created with <c>StdinOnce</c>.
    /// </summary>
    public async Task<HijackedStream> AttachContainerAsync(string id, CancellationToken ct = default)
    {
        var path = ContainerPath(id, "/attach");
        var version = await GetApiVersionAsync(ct).ConfigureAwait(false);
        var connection = await _connector.ConnectAsync(ct).ConfigureAwait(false);
        try
        {
            return await DockerHttpUpgrade.UpgradeAsync(
                connection,
                $"/v{version}{path}?stream=1&stdin=1&stdout=1&stderr=1",
                (status, message) => DockerErrors.FromResponse(status, message, "POST", path, DockerTarget.Container(id)),
                ct).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw LostConnection("POST", path, ex);
        }
    }

    /// <summary>Starts the container; one that is already running counts as success.</summary>
    public async Task StartContainerAsync(string id, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Post, ContainerPath(id, "/start"), target: DockerTarget.Container(id), ct: ct).ConfigureAwait(false);
    }

    public async Task<ContainerInspect> InspectContainerAsync(string id, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, ContainerPath(id, "/json"), target: DockerTarget.Container(id), ct: ct).ConfigureAwait(false);
        return await ReadJsonAsync<ContainerInspect>(response, ct).ConfigureAwait(false);
    }

    /// <exception cref="DockerConflictException">The container is not running.</exception>
    public async Task KillContainerAsync(string id, string signal = "KILL", CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Post, ContainerPath(id, "/kill"), Query(("signal", signal)), target: DockerTarget.Container(id), ct: ct).ConfigureAwait(false);
    }

    /// <summary>Waits until the condition holds: "not-running", "next-exit" or "removed". No time limit but <paramref name="ct"/>.</summary>
    public async Task<ContainerWaitResponse> WaitContainerAsync(string id, string condition = "not-running", CancellationToken ct = default)
    {
        var completion = await BeginWaitContainerAsync(id, condition, ct).ConfigureAwait(false);
        return await completion.ConfigureAwait(false);
    }

    /// <summary>
    /// Registers a wait and returns once the daemon has accepted it; the returned task completes when the condition holds.
    /// Lets "next-exit" be registered before an action that may make the container exit at once.
    /// </summary>
    public async Task<Task<ContainerWaitResponse>> BeginWaitContainerAsync(string id, string condition = "not-running", CancellationToken ct = default)
    {
        var response = await SendAsync(
            HttpMethod.Post, ContainerPath(id, "/wait"), Query(("condition", condition)),
            target: DockerTarget.Container(id), ct: ct, headersOnly: true).ConfigureAwait(false);
        return ReadAndDisposeAsync(response);

        async Task<ContainerWaitResponse> ReadAndDisposeAsync(HttpResponseMessage message)
        {
            using (message)
            {
                return await ReadJsonAsync<ContainerWaitResponse>(message, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Removes the container and its anonymous volumes; <paramref name="force"/> kills it first if it runs.</summary>
    public async Task RemoveContainerAsync(string id, bool force = false, CancellationToken ct = default)
    {
        using var response = await SendAsync(
            HttpMethod.Delete, ContainerPath(id, ""), Query(("force", force ? "1" : "0"), ("v", "1")),
            target: DockerTarget.Container(id), ct: ct).ConfigureAwait(false);
    }

    /// <summary>One resource-usage sample (no streaming).</summary>
    public async Task<ContainerStats> GetContainerStatsAsync(string id, CancellationToken ct = default)
    {
        var version = await GetApiVersionAsync(ct).ConfigureAwait(false);
        // one-shot skips the second sample the daemon otherwise takes to fill precpu_stats (about a second).
        var query = DockerApiVersion.IsAtLeast(version, "1.41")
            ? Query(("stream", "false"), ("one-shot", "true"))
            : Query(("stream", "false"));
        using var response = await SendAsync(HttpMethod.Get, ContainerPath(id, "/stats"), query, target: DockerTarget.Container(id), ct: ct).ConfigureAwait(false);
        return await ReadJsonAsync<ContainerStats>(response, ct).ConfigureAwait(false);
    }

    /// <summary>Containers carrying all the given labels (a null value means "label present, any value").</summary>
    public Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(IReadOnlyDictionary<string, string?>? labels = null, bool all = true, CancellationToken ct = default) =>
        QueryContainersAsync(labels is { Count: > 0 } ? DockerJson.LabelFilters(labels) : null, all, ct);

    /// <summary><c>GET /containers/json</c> with the given <c>filters</c> JSON (none when null).</summary>
    private async Task<IReadOnlyList<ContainerSummary>> QueryContainersAsync(string? filters, bool all, CancellationToken ct)
    {
        var parameters = new List<(string, string)> { ("all", all ? "1" : "0") };
        if (filters is not null) parameters.Add(("filters", filters));
        using var response = await SendAsync(HttpMethod.Get, "/containers/json", Query([.. parameters]), ct: ct).ConfigureAwait(false);
        return await ReadJsonAsync<List<ContainerSummary>>(response, ct).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _http.Dispose();
        _negotiation.Dispose();
    }
}
