using System.Diagnostics;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Mcp;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Servers;

[Collection(EngineCollection.Name)]
public sealed class FailureTests(EngineFixture fixture)
{
    [Fact]
    public async Task Killing_the_server_process_fails_the_pending_call_within_one_second()
    {
        // No restart: this test is about the pending call and the record of the death (RestartTests cover restarts).
        var server = await fixture.Registry.StartAsync(
            fixture.EverythingDefinition(EngineFixture.UniqueName("kill9")) with { Restart = RestartPolicy.None });
        try
        {
            var running = new TaskCompletionSource();
            var call = server.CallToolAsync("trigger-long-running-operation", ToolCallTests.Args(("duration", 30), ("steps", 30)),
                new SynchronousProgress<McpProgress>(_ => running.TrySetResult()));
            await running.Task.WaitAsync(TimeSpan.FromSeconds(10));

            var serverPid = ProcessTree.ChildOf((await fixture.Docker.InspectContainerAsync(server.ContainerId)).State.Pid);
            var clock = Stopwatch.StartNew();
            Process.Start("kill", ["-9", serverPid.ToString()]).WaitForExit();
            var error = await Assert.ThrowsAsync<McpServerExitedException>(() => call);
            clock.Stop();

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the call failed only after {clock.Elapsed}");
            Assert.Equal(server.Name, error.ServerName);
            Assert.Contains($"MCP server '{server.Name}'", error.Message);
            Assert.Contains("trigger-long-running-operation", error.Message);
            Assert.Equal(137, error.Exit?.ExitCode);
            Assert.Equal(McpServerState.Exited, server.State);
            // The engine removes a dead server's container right after recording how it ended.
            await Eventually.TrueAsync(() => fixture.IsRemovedAsync(server.ContainerId),
                $"container {server.ContainerId} is removed after its server died", TimeSpan.FromSeconds(10));
        }
        finally
        {
            await fixture.Registry.StopAsync(server.Name);
        }
    }

    [Fact]
    public async Task Killing_the_container_fails_every_later_call_with_the_exit_reason()
    {
        var server = await fixture.Registry.StartAsync(
            fixture.EverythingDefinition(EngineFixture.UniqueName("killed")) with { Restart = RestartPolicy.None });
        try
        {
            await fixture.Docker.KillContainerAsync(server.ContainerId);

            var error = await Assert.ThrowsAsync<McpServerExitedException>(
                () => server.CallToolAsync("echo", ToolCallTests.Args(("message", "anyone there?"))).WaitAsync(TimeSpan.FromSeconds(5)));

            Assert.Contains("killed", error.Message);
            Assert.Equal(McpServerState.Exited, server.State);
            Assert.NotNull(server.Exit);
        }
        finally
        {
            await fixture.Registry.StopAsync(server.Name);
        }
    }

    [Fact]
    public async Task Server_that_exits_at_once_fails_start_with_its_stderr_and_leaves_nothing()
    {
        var name = EngineFixture.UniqueName("crash");
        var definition = fixture.NodeDefinition(name,
            "-e", "console.error('fatal: cannot read /etc/mcp/config.json'); process.exit(3)");

        var error = await Assert.ThrowsAsync<McpServerExitedException>(() => fixture.Registry.StartAsync(definition));

        Assert.Equal(name, error.ServerName);
        Assert.Contains("fatal: cannot read /etc/mcp/config.json", error.Message);
        Assert.Contains("exited with code 3", error.Message);
        Assert.Equal(3, error.Exit?.ExitCode);
        Assert.False(fixture.Registry.TryGet(name, out _));
        Assert.Empty(await fixture.ContainersOfAsync(name));
    }

    [Fact]
    public async Task Unknown_image_is_named_in_the_error_and_creates_nothing()
    {
        var name = EngineFixture.UniqueName("noimage");
        var definition = new McpServerDefinition(name, new ContainerLaunchSpec { Image = "containermcp/does-not-exist:1.0" });

        var error = await Assert.ThrowsAsync<DockerImageNotFoundException>(() => fixture.Registry.StartAsync(definition));

        Assert.Contains("'containermcp/does-not-exist:1.0'", error.Message);
        Assert.Contains("is not on this Docker engine", error.Message);
        Assert.Equal(NextStep.BuildOrPullImage, error.NextStep);
        Assert.False(fixture.Registry.TryGet(name, out _));
        Assert.Empty(await fixture.ContainersOfAsync(name));
    }

    [Fact]
    public async Task Unreachable_daemon_says_where_it_looked()
    {
        using var docker = new DockerClient(DockerEndpoint.Parse("unix:///tmp/containermcp-no-daemon.sock"));
        await using var registry = new McpServerRegistry(docker);

        var error = await Assert.ThrowsAsync<DockerUnreachableException>(
            () => registry.StartAsync(fixture.EverythingDefinition("unreachable")));

        Assert.Contains("unix:///tmp/containermcp-no-daemon.sock", error.Message);
        Assert.Contains("Cannot reach the Docker engine", error.Message);
        Assert.Empty(registry.Find());
    }

    [Fact]
    public async Task Server_that_never_answers_the_handshake_times_out_and_is_removed()
    {
        var name = EngineFixture.UniqueName("silent");
        var definition = fixture.NodeDefinition(name, "-e", "console.error('waiting forever'); setInterval(() => {}, 1000)")
            with { InitializeTimeout = TimeSpan.FromSeconds(2) };

        var error = await Assert.ThrowsAsync<McpServerTimeoutException>(() => fixture.Registry.StartAsync(definition));

        Assert.Contains($"MCP server '{name}'", error.Message);
        Assert.Contains("within 2 s", error.Message);
        Assert.Empty(await fixture.ContainersOfAsync(name));
    }
}
