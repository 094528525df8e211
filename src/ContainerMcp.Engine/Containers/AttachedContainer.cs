using System.Security.Cryptography;
using ContainerMcp.Engine.Docker;
using Docker.DotNet.Models;
using ContainerMcp.Engine.Observability;

namespace ContainerMcp.Engine.Containers;

/// <summary>
/// A running container whose stdio is attached: <see cref="Stdin"/> to write to the server, <see cref="Stdout"/>
/// to read from it, <see cref="Stderr"/> for its last stderr lines. Owns the container: disposing stops and removes it.
/// </summary>
public sealed class AttachedContainer : IAsyncDisposable
{
    private readonly DockerClient _docker;
    private readonly ContainerStdio _connection;
    private readonly string _network;
    private readonly SemaphoreSlim _stopGate = new(1, 1);
    private bool _removed;

    private AttachedContainer(DockerClient docker, string id, string containerName, string network, ContainerStdio connection, StderrRing stderr)
    {
        _docker = docker;
        _network = network;
        Id = id;
        ContainerName = containerName;
        _connection = connection;
        Stderr = stderr;
        Stdin = new ContainerStdin(connection);
        connection.Stderr = stderr.Append;
    }

    public string Id { get; }
    public string ContainerName { get; }
    public ContainerStdin Stdin { get; }
    public Stream Stdout => _connection;
    public StderrRing Stderr { get; }

    /// <summary>Completes when the server's output ends: the process exited or the container was killed.</summary>
    public Task OutputEnded => _connection.Ended;

    /// <summary>The state recorded when the container ended; null while it runs.</summary>
    public ContainerExit? Exit { get; private set; }

    /// <summary>
    /// Create → attach → start, in that order so not a byte of early output is lost. If any step fails the
    /// container is removed again, and a network made for it with it: a failed launch leaves nothing behind.
    /// </summary>
    public static async Task<AttachedContainer> LaunchAsync(
        DockerClient docker, ContainerLaunchSpec spec, string serverName, string sessionId, int stderrLines = 200,
        IProgress<string>? progress = null, CancellationToken ct = default)
    {
        progress?.Report($"Inspecting image {spec.Image}");
        var image = await docker.InspectImageAsync(spec.Image, ct);
        var request = HardenedContainerRequest.Build(spec, serverName, sessionId, image.Config?.User);
        var containerName = $"containermcp-{serverName}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        if (spec.StatePath is { } statePath)
        {
            progress?.Report($"Preparing the state volume at {statePath}");
            await StateVolumes.EnsureAsync(docker, request, serverName, statePath, sessionId, ct);
        }
        var named = ManagedNetworks.IsNamed(spec.Network);
        if (named)
        {
            progress?.Report($"Preparing network {spec.Network}");
            await ManagedNetworks.EnsureAsync(docker, spec.Network, spec.InternalNetwork, ct);
        }
        CreateContainerResponse? created = null;
        ContainerStdio? connection = null;
        try
        {
            progress?.Report("Creating the container");
            // Not cancelled part-way: the daemon goes on creating after a dropped request, so a container could
            // appear after our removal by name and hold the server's state volume. A create is short; a stop waits.
            created = await StepAsync("create container", serverName, null,
                () => CreateAsync(docker, request, containerName, spec, named, CancellationToken.None));
            ct.ThrowIfCancellationRequested();
            var id = created.ID;
            progress?.Report("Attaching to its stdio and starting it");
            connection = await StepAsync("attach container", serverName, id, () => docker.AttachContainerAsync(id, ct));
            await StepAsync("start container", serverName, id, async () => { await docker.StartContainerAsync(id, ct); return true; });
            return new AttachedContainer(docker, id, containerName, spec.Network, connection, new StderrRing(stderrLines));
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync();
            // By name when the create itself failed (a timeout, a lost connection): the daemon may have made the
            // container without our hearing its id, and left, it would keep holding the server's state volume.
            try { await ContainerRemoval.KillAndRemoveAsync(docker, created?.ID ?? containerName); }
            catch (DockerEngineException) { } // left for the orphan sweep; the launch's own error matters more
            await ReleaseNetworkAsync(docker, spec.Network);
            throw;
        }
    }

    /// <summary>One launch step as a child span; a created container's id is tagged as soon as it is known.</summary>
    private static async Task<T> StepAsync<T>(string name, string serverName, string? containerId, Func<Task<T>> step)
    {
        using var span = McpTelemetry.StartSpan(name, serverName, kind: System.Diagnostics.ActivityKind.Client);
        span?.SetTag(McpTelemetry.Tags.ContainerId, containerId);
        try
        {
            var result = await step();
            if (result is CreateContainerResponse created) span?.SetTag(McpTelemetry.Tags.ContainerId, created.ID);
            span.Succeed();
            return result;
        }
        catch (Exception ex)
        {
            span.Fail(Outcomes.Of(ex), ex.Message);
            throw;
        }
    }

    /// <summary>Reads the daemon's record of how the container ended and keeps it in <see cref="Exit"/>.</summary>
    public async Task<ContainerExit?> RefreshExitAsync(CancellationToken ct = default)
    {
        if (Exit is not null) return Exit;
        try
        {
            var state = (await _docker.InspectContainerAsync(Id, ct)).State;
            if (state is null || state.Running) return null;
            Exit = new ContainerExit((int)state.ExitCode, state.OOMKilled, string.IsNullOrEmpty(state.Error) ? null : state.Error,
                DateTimeOffset.TryParse(state.FinishedAt, out var finished) ? finished : null);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already removed by someone else: nothing more to learn.
        }
        return Exit;
    }

    /// <summary>The daemon's view of the container now: its state ("running", "exited" …) and memory use.</summary>
    public async Task<ContainerProbe> ProbeAsync(CancellationToken ct = default)
    {
        var state = (await _docker.InspectContainerAsync(Id, ct)).State?.Status ?? "";
        var memory = (long?)(await _docker.GetContainerStatsAsync(Id, ct)).MemoryStats?.Usage;
        return new ContainerProbe(state, memory);
    }

    /// <summary>
    /// Ends the server as the MCP stdio transport says: end of input; then, after half of <paramref name="grace"/>,
    /// SIGTERM; after the other half, SIGKILL. Finally the container is removed. A container already gone counts as
    /// stopped. The SIGTERM step ends a server that is waiting for something of ours that can never come now, such as
    /// an answer to a request it sent after its input closed, without waiting out the whole grace period.
    /// </summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken ct = default)
    {
        await _stopGate.WaitAsync(ct);
        try
        {
            if (_removed) return;
            try { await Stdin.CloseAsync(ct); } catch (IOException) { } catch (ObjectDisposedException) { }

            if (!await WaitForExitAsync(grace / 2, ct)
                && (grace == TimeSpan.Zero || !await SignalAsync("TERM", grace / 2, ct)))
                await SignalAsync("KILL", TimeSpan.FromSeconds(10), ct);

            await RefreshExitAsync(ct);
            await _connection.DisposeAsync();
            await ContainerRemoval.RemoveAsync(_docker, Id, ct);
            _removed = true;
            await ReleaseNetworkAsync(_docker, _network, ct);
        }
        finally
        {
            _stopGate.Release();
        }
    }

    /// <summary>Sends a signal to the container (its init passes it on) and waits up to <paramref name="wait"/> for
    /// it to end; true when it did.</summary>
    private async Task<bool> SignalAsync(string signal, TimeSpan wait, CancellationToken ct)
    {
        try { await _docker.KillContainerAsync(Id, signal, ct); }
        catch (DockerContainerNotFoundException) { return true; }
        catch (DockerConflictException) { return true; } // not running any more
        return await WaitForExitAsync(wait, ct);
    }

    public ValueTask DisposeAsync() => new(StopAsync(TimeSpan.FromSeconds(2)));

    /// <summary>Completes when the daemon reports the container not running (or gone).</summary>
    public async Task WaitForExitAsync(CancellationToken ct)
    {
        try { await _docker.WaitContainerAsync(Id, "not-running", ct); }
        catch (DockerContainerNotFoundException) { }
    }

    /// <summary>True when the container ended within <paramref name="timeout"/>.</summary>
    private async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<CreateContainerResponse> CreateAsync(
        DockerClient docker, CreateContainerParameters request, string containerName, ContainerLaunchSpec spec, bool namedNetwork, CancellationToken ct)
    {
        try
        {
            return await docker.CreateContainerAsync(request, containerName, ct);
        }
        catch (DockerEngineException ex) when (namedNetwork && ex is { StatusCode: 404 } and not DockerImageNotFoundException)
        {
            // Another server's stop removed the network between our check and the create: make it again, once.
            await ManagedNetworks.EnsureAsync(docker, spec.Network, spec.InternalNetwork, ct);
            return await docker.CreateContainerAsync(request, containerName, ct);
        }
    }

    /// <summary>A network made for servers goes when its last container does; failing to tell is no reason to fail a stop.</summary>
    private static async Task ReleaseNetworkAsync(DockerClient docker, string network, CancellationToken ct = default)
    {
        if (!ManagedNetworks.IsNamed(network)) return;
        try { await ManagedNetworks.ReleaseAsync(docker, network, ct); }
        catch (DockerEngineException) { } // left for the orphan sweep
    }
}
