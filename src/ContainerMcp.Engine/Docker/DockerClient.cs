using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Api = Docker.DotNet.DockerClient;

namespace ContainerMcp.Engine.Docker;

/// <summary>
/// The Engine API calls ContainerMcp needs, made with Docker.DotNet over connections of our own (unix, tcp, TLS with
/// host-name verification, named pipes). Thread-safe; one instance per daemon is enough. This adapter adds what the
/// library lacks: the API version read from <c>/_ping</c>, wait conditions, a stdio <see cref="Stream"/> with
/// half-close, and typed errors. This file: construction, version and the container calls; the rest in files of their own.
/// </summary>
public sealed partial class DockerClient : IDisposable
{
    private readonly DockerConnector _connector;
    private readonly HttpMessageInvoker _raw;
    private readonly SemaphoreSlim _negotiation = new(1, 1);
    private volatile Api? _api;

    public DockerClient(DockerEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        _connector = new DockerConnector(endpoint);
        _raw = new HttpMessageInvoker(EngineTransport.CreateHandler(_connector, NullLogger.Instance));
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
    public async Task<string> GetApiVersionAsync(CancellationToken ct = default) =>
        (await ApiAsync(ct).ConfigureAwait(false)).Options.ApiVersion!.ToString();

    /// <summary>Docker.DotNet's client, made once the API version is known: it cannot negotiate one itself.</summary>
    private async ValueTask<Api> ApiAsync(CancellationToken ct)
    {
        if (_api is { } known)
        {
            return known;
        }

        await _negotiation.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_api is null)
            {
                var version = await PingApiVersionAsync(ct).ConfigureAwait(false) ?? (await GetVersionAsync(ct).ConfigureAwait(false)).ApiVersion;
                _api = new DockerClientBuilder()
                    .WithEndpoint(EngineTransport.BaseAddress)
                    .WithApiVersion(System.Version.Parse(DockerApiVersion.Negotiate(version)))
                    .WithTimeout(Timeout.InfiniteTimeSpan) // wait and build take as long as they take; callers bound calls with their tokens
                    .WithHeader("User-Agent", "ContainerMcp")
                    .WithTransportOptions(EngineTransport.Instance, _connector)
                    .Build();
            }

            return _api;
        }
        finally
        {
            _negotiation.Release();
        }
    }

    public async Task PingAsync(CancellationToken ct = default)
    {
        using var response = await SendRawAsync(HttpMethod.Get, "/_ping", DockerTarget.None, ct, versioned: false).ConfigureAwait(false);
    }

    /// <summary>The <c>Api-Version</c> header of <c>/_ping</c>; null when the engine sends none (then <c>/version</c> tells).</summary>
    private async Task<string?> PingApiVersionAsync(CancellationToken ct)
    {
        using var response = await SendRawAsync(HttpMethod.Get, "/_ping", DockerTarget.None, ct, versioned: false).ConfigureAwait(false);
        return response.Headers.TryGetValues("Api-Version", out var values) && values.FirstOrDefault() is { Length: > 0 } version ? version : null;
    }

    /// <summary><c>GET /version</c>, unversioned so it can tell the version before any is negotiated.</summary>
    public async Task<DockerVersion> GetVersionAsync(CancellationToken ct = default)
    {
        using var response = await SendRawAsync(HttpMethod.Get, "/version", DockerTarget.None, ct, versioned: false).ConfigureAwait(false);
        return await ReadJsonAsync<DockerVersion>(response, "/version", ct).ConfigureAwait(false);
    }

    /// <exception cref="DockerImageNotFoundException">The image is not present locally.</exception>
    /// <exception cref="DockerConflictException">The name is already in use.</exception>
    public Task<CreateContainerResponse> CreateContainerAsync(CreateContainerParameters request, string? name = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Name = name;
        return CallAsync("POST", "/containers/create", DockerTarget.Image(request.Image), api => api.Containers.CreateContainerAsync(request, ct), ct);
    }

    /// <summary>
    /// Attaches to stdin, stdout and stderr, streaming from now on. Attach before starting the container so no output is missed.
    /// The container sees EOF on stdin after <see cref="ContainerStdio.CloseWriteAsync"/> only if it was created with <c>StdinOnce</c>.
    /// </summary>
    public async Task<ContainerStdio> AttachContainerAsync(string id, CancellationToken ct = default)
    {
        var parameters = new ContainerAttachParameters { Stream = true, Stdin = true, Stdout = true, Stderr = true };
        var streams = await CallAsync("POST", ContainerPath(id, "/attach"), DockerTarget.Container(id),
            api => api.Containers.AttachContainerAsync(id, parameters, ct), ct).ConfigureAwait(false);
        return new ContainerStdio(streams);
    }

    /// <summary>Starts the container; one that is already running counts as success.</summary>
    public Task StartContainerAsync(string id, CancellationToken ct = default) =>
        CallAsync("POST", ContainerPath(id, "/start"), DockerTarget.Container(id), api => api.Containers.StartContainerAsync(id, null, ct), ct);

    public Task<ContainerInspectResponse> InspectContainerAsync(string id, CancellationToken ct = default) =>
        CallAsync("GET", ContainerPath(id, "/json"), DockerTarget.Container(id), api => api.Containers.InspectContainerAsync(id, ct), ct);

    /// <exception cref="DockerConflictException">The container is not running.</exception>
    public Task KillContainerAsync(string id, string signal = "KILL", CancellationToken ct = default) =>
        CallAsync("POST", ContainerPath(id, "/kill"), DockerTarget.Container(id),
            api => api.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = signal }, ct), ct);

    /// <summary>Waits until the condition holds: "not-running", "next-exit" or "removed". No time limit but <paramref name="ct"/>.</summary>
    public async Task<ContainerWaitResponse> WaitContainerAsync(string id, string condition = "not-running", CancellationToken ct = default)
    {
        var completion = await BeginWaitContainerAsync(id, condition, ct).ConfigureAwait(false);
        return await completion.ConfigureAwait(false);
    }

    /// <summary>Removes the container and its anonymous volumes; <paramref name="force"/> kills it first if it runs.</summary>
    public Task RemoveContainerAsync(string id, bool force = false, CancellationToken ct = default) =>
        CallAsync("DELETE", ContainerPath(id, ""), DockerTarget.Container(id),
            api => api.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = force, RemoveVolumes = true }, ct), ct);

    /// <summary>One resource-usage sample (no streaming).</summary>
    public async Task<ContainerStatsResponse> GetContainerStatsAsync(string id, CancellationToken ct = default)
    {
        var version = await GetApiVersionAsync(ct).ConfigureAwait(false);
        // one-shot skips the second sample the daemon otherwise takes to fill precpu_stats (about a second).
        var parameters = new ContainerStatsParameters { Stream = false, OneShot = DockerApiVersion.IsAtLeast(version, "1.41") ? true : null };
        var sample = new Sample<ContainerStatsResponse>();
        await CallAsync("GET", ContainerPath(id, "/stats"), DockerTarget.Container(id),
            api => api.Containers.GetContainerStatsAsync(id, parameters, sample, ct), ct).ConfigureAwait(false);
        return sample.Value ?? throw new DockerEngineException($"The Docker engine sent no statistics for container '{id}'.");
    }

    /// <summary>Containers carrying all the given labels (a null value means "label present, any value").</summary>
    public Task<IReadOnlyList<ContainerListResponse>> ListContainersAsync(IReadOnlyDictionary<string, string?>? labels = null, bool all = true, CancellationToken ct = default) =>
        QueryContainersAsync(labels is { Count: > 0 } ? DockerJson.LabelFilters(labels) : null, all, ct);

    /// <summary><c>GET /containers/json</c> with the given filters (none when null).</summary>
    private async Task<IReadOnlyList<ContainerListResponse>> QueryContainersAsync(IDictionary<string, IDictionary<string, bool>>? filters, bool all, CancellationToken ct) =>
        ReadOnly(await CallAsync("GET", "/containers/json", DockerTarget.None,
            api => api.Containers.ListContainersAsync(new ContainersListParameters { All = all, Filters = filters }, ct), ct).ConfigureAwait(false));

    public void Dispose()
    {
        _api?.Dispose();
        _raw.Dispose();
        _negotiation.Dispose();
    }

    /// <summary>Keeps the last value reported, synchronously (<see cref="Progress{T}"/> would post it to a thread-pool thread).</summary>
    private sealed class Sample<T> : IProgress<T>
    {
        public T? Value { get; private set; }

        public void Report(T value) => Value = value;
    }
}
