using System.Diagnostics;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Servers;

/// <summary>
/// The rig's second dockerd (over TLS, DOCKER_CERT_PATH-style certificates) is stopped and started again under running
/// servers: they wait for their engine rather than crash, and come back by themselves. Only this test stops that daemon.
/// </summary>
public sealed class EngineRestartTests : IAsyncLifetime
{
    private readonly Rig _rig = Rig.Load();
    private DockerClient _remote = null!;
    private McpServerRegistry _registry = null!;

    public Task InitializeAsync()
    {
        _remote = new DockerClient(DockerEndpoint.Parse(_rig.RemoteHost, tlsVerify: true, certPath: _rig.RemoteCertPath));
        _registry = new McpServerRegistry(_remote);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await RemoteEngineAsync("start");   // whatever happened, the daemon runs again for whoever comes next
        await _registry.DisposeAsync();
        _remote.Dispose();
    }

    [Fact]
    public async Task Servers_wait_for_a_restarted_engine_and_come_back_healthy_with_nothing_left_behind()
    {
        var names = new[] { EngineFixture.UniqueName("engine-a"), EngineFixture.UniqueName("engine-b") };
        var servers = new List<ManagedServer>();
        foreach (var name in names)
            servers.Add(await _registry.StartAsync(new McpServerDefinition(name, new ContainerLaunchSpec { Image = _rig.EverythingImage })));
        var before = servers.Select(s => s.ContainerId).ToList();
        Assert.Contains("before", (await servers[0].CallToolAsync("echo", ToolCallTests.Args(("message", "before")))).Text);

        await RemoteEngineAsync("stop");

        foreach (var server in servers)
            await Eventually.TrueAsync(() => server.State == McpServerState.WaitingForEngine, $"{server.Name} waits for its engine");
        Assert.All(servers, s => Assert.Equal(0, s.RestartCount));
        Assert.Contains("Cannot reach the Docker engine at tcp://127.0.0.1:", servers[0].EngineWaitReason);
        var watch = Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<McpServerWaitingForEngineException>(
            () => servers[0].CallToolAsync("echo", ToolCallTests.Args(("message", "while down"))));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"the call took {watch.Elapsed.TotalSeconds:0.0} s to fail");
        Assert.Contains("waiting for its Docker engine", refused.Message);
        Assert.Equal(EngineErrorKind.Unreachable, refused.Kind);

        await RemoteEngineAsync("start");

        foreach (var server in servers)
        {
            await Eventually.TrueAsync(() => server.State == McpServerState.Running, $"{server.Name} runs again", TimeSpan.FromSeconds(60));
            Assert.Equal(HealthStatus.Healthy, (await server.CheckHealthAsync(TimeSpan.FromSeconds(5))).Status);
            Assert.Contains("after", (await server.CallToolAsync("echo", ToolCallTests.Args(("message", "after")))).Text);
            Assert.Equal(1, server.RestartCount);
        }
        Assert.Empty(servers.Select(s => s.ContainerId).Intersect(before));
        // The containers the outage ended are removed once the engine answers, before anyone stops the servers.
        foreach (var id in before)
            await Eventually.TrueAsync(() => IsRemovedAsync(id), $"the container {id[..12]} the outage ended is removed");

        foreach (var name in names) await _registry.StopAsync(name);
        using var local = DockerClient.FromEnvironment();
        foreach (var engine in new[] { _remote, local })
        foreach (var name in names)
            Assert.Empty(await engine.ListContainersAsync(new Dictionary<string, string?> { [ContainerLabels.Server] = name }));
    }

    private async Task<bool> IsRemovedAsync(string containerId)
    {
        try { await _remote.InspectContainerAsync(containerId); return false; }
        catch (DockerContainerNotFoundException) { return true; }
    }

    /// <summary>tests/rig/remote-engine.sh stop|start: only the daemon the rig started, waiting until it is down or answers.</summary>
    private async Task RemoteEngineAsync(string verb)
    {
        var start = new ProcessStartInfo("bash", [_rig.RemoteControl, verb]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(limit.Token);
        Assert.True(process.ExitCode == 0, $"remote-engine.sh {verb} exited {process.ExitCode}: {await output}{await errors}");
    }
}
