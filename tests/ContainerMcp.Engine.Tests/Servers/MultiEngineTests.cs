using System.Diagnostics;
using System.Globalization;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Engines;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Servers;

/// <summary>
/// One session, servers on two real engines at once: the local dockerd (the session's default) and the rig's Podman,
/// named by its endpoint. Each server's container lives on its own engine, calls and isolation go there, orphans are
/// found on the engine they are on, and a stop leaves nothing on either.
/// </summary>
public sealed class MultiEngineTests : IAsyncLifetime
{
    private readonly Rig _rig = Rig.Load();
    private DockerClient _local = null!;
    private McpServerRegistry _registry = null!;

    private string PodmanHost => _rig["CONTAINERMCP_PODMAN_HOST"];

    public Task InitializeAsync()
    {
        _local = DockerClient.FromEnvironment();
        _registry = new McpServerRegistry(new SessionEngines(_local));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _local.Dispose();
    }

    private McpServerDefinition Everything(string name, string? engine = null) =>
        new(name, new ContainerLaunchSpec { Image = _rig.EverythingImage }) { Engine = engine };

    [Fact]
    public async Task One_session_runs_servers_on_docker_and_podman_each_on_its_own_engine_and_leaves_nothing_behind()
    {
        var onDocker = await _registry.StartAsync(Everything(EngineFixture.UniqueName("multi-docker")));
        var onPodman = await _registry.StartAsync(Everything(EngineFixture.UniqueName("multi-podman"), PodmanHost));
        var podman = onPodman.Engine.Client;

        Assert.Same(_local, onDocker.Engine.Client);
        Assert.Equal(PodmanHost, onPodman.Engine.Endpoint.ToString());
        Assert.Equal("podman", onPodman.Engine.Name); // the endpoint is the discovered Podman socket's
        Assert.Equal(2, _registry.Engines.InUse.Count);
        // Each container is on its engine, and only there.
        Assert.Equal(onPodman.ContainerId, (await podman.InspectContainerAsync(onPodman.ContainerId)).Id);
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => _local.InspectContainerAsync(onPodman.ContainerId));
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => podman.InspectContainerAsync(onDocker.ContainerId));

        Assert.Contains("via docker", (await onDocker.CallToolAsync("echo", ToolCallTests.Args(("message", "via docker")))).Text);
        Assert.Contains("via podman", (await onPodman.CallToolAsync("echo", ToolCallTests.Args(("message", "via podman")))).Text);
        // Isolation is read back from the server's own engine, not the session's default.
        var report = await _registry.Isolation.InspectAsync(onPodman);
        Assert.Equal(onPodman.ContainerId, report.ContainerId);
        Assert.Contains(report.Checks, c => c is { Name: IsolationInspector.ReadOnlyRootFilesystem, Passed: true });

        // A second server named by the same engine shares its client.
        var again = await _registry.StartAsync(Everything(EngineFixture.UniqueName("multi-podman2"), "podman"));
        Assert.Same(podman, again.Engine.Client);

        var containers = new[] { (_local, onDocker.ContainerId), (podman, onPodman.ContainerId), (podman, again.ContainerId) };
        await _registry.StopAllAsync();
        foreach (var (engine, id) in containers)
            await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => engine.InspectContainerAsync(id));
        var session = new Dictionary<string, string?> { [ContainerLabels.Session] = _registry.SessionId };
        Assert.Empty(await _local.ListContainersAsync(session));
        Assert.Empty(await podman.ListContainersAsync(session));
    }

    [Fact]
    public async Task An_orphan_on_podman_is_found_and_removed_there_not_on_the_default_engine()
    {
        var podman = _registry.Engines.Resolve(PodmanHost);
        var id = await CreateOrphanAsync(podman.Client);
        try
        {
            Assert.Contains(await _registry.OrphansOn(podman).FindAsync(), o => o.Id == id);
            Assert.DoesNotContain(await _registry.Orphans.FindAsync(), o => o.Id == id);

            var orphan = (await _registry.OrphansOn(podman).FindAsync()).Single(o => o.Id == id);
            await _registry.OrphansOn(podman).RemoveAsync(orphan);

            await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => podman.Client.InspectContainerAsync(id));
        }
        finally
        {
            try { await podman.Client.RemoveContainerAsync(id, force: true); }
            catch (DockerContainerNotFoundException) { }
        }
    }

    [Fact]
    public async Task An_unknown_engine_fails_naming_it_before_the_server_name_is_taken()
    {
        var name = EngineFixture.UniqueName("multi-unknown");

        var error = await Assert.ThrowsAsync<UnknownEngineException>(() => _registry.StartAsync(Everything(name, "no-such-engine")));

        Assert.Contains("No engine is named 'no-such-engine'", error.Message);
        Assert.Contains("default", error.Message);
        Assert.False(_registry.TryGet(name, out _));
    }

    /// <summary>A never-started container of ours on <paramref name="engine"/> whose owner process has exited.</summary>
    private async Task<string> CreateOrphanAsync(DockerClient engine)
    {
        using var owner = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await owner.WaitForExitAsync();
        var name = EngineFixture.UniqueName("multi-orphan");
        var image = await engine.InspectImageAsync(_rig.EverythingImage);
        var request = HardenedContainerRequest.Build(new ContainerLaunchSpec { Image = _rig.EverythingImage }, name,
            Guid.NewGuid().ToString("n"), image.Config?.User);
        request.Labels![ContainerLabels.OwnerPid] = owner.Id.ToString(CultureInfo.InvariantCulture);
        return (await engine.CreateContainerAsync(request, $"containermcp-{name}")).Id;
    }
}
