using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Servers;

[Collection(EngineCollection.Name)]
public sealed class LifecycleTests(EngineFixture fixture)
{
    [Fact]
    public async Task Stop_leaves_no_container_behind()
    {
        var server = await fixture.Registry.StartAsync(fixture.EverythingDefinition(EngineFixture.UniqueName("stop")));
        var id = server.ContainerId;

        await fixture.Registry.StopAsync(server.Name);

        Assert.Equal(McpServerState.Stopped, server.State);
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => fixture.Docker.InspectContainerAsync(id));
        Assert.False(fixture.Registry.TryGet(server.Name, out _));
        // Valid arguments: the tool list is known from the start, so a call missing 'message' would be refused first.
        var error = await Assert.ThrowsAsync<McpServerException>(() => server.CallToolAsync("echo", ToolCallTests.Args(("message", "hi"))));
        Assert.Contains("has been stopped, so it is not available for calling tool 'echo'", error.Message);
    }

    [Fact]
    public async Task Stop_ends_the_server_by_closing_its_input_without_a_kill()
    {
        var server = await fixture.Registry.StartAsync(fixture.EverythingDefinition(EngineFixture.UniqueName("polite")));
        // We declare roots, so 350 ms after its start server-everything asks for them (roots/list), and a server whose
        // input ends before that sends its request anyway and waits 60 s for an answer that cannot come (it is then
        // killed). That is the server's way; this test is about ours, so it stops the server once it has its roots.
        await Eventually.TrueAsync(() => server.GetMessages().Any(m => m.Text.StartsWith("Roots updated", StringComparison.Ordinal)),
            "server-everything has asked for its roots and got them");

        await fixture.Registry.StopAsync(server.Name);

        // server-everything exits by itself on end of input: no SIGKILL (137) was needed.
        Assert.NotNull(server.Exit);
        Assert.NotEqual(137, server.Exit!.ExitCode);
    }

    [Fact]
    public async Task Stopping_a_server_whose_container_is_already_gone_succeeds()
    {
        var server = await fixture.Registry.StartAsync(fixture.EverythingDefinition(EngineFixture.UniqueName("gone")));
        await fixture.Docker.RemoveContainerAsync(server.ContainerId, force: true);

        await fixture.Registry.StopAsync(server.Name);

        Assert.False(fixture.Registry.TryGet(server.Name, out _));
    }

    [Fact]
    public async Task Second_server_with_the_same_name_is_refused()
    {
        var name = EngineFixture.UniqueName("dup");
        await fixture.Registry.StartAsync(fixture.EverythingDefinition(name));
        try
        {
            var error = await Assert.ThrowsAsync<McpServerNameConflictException>(
                () => fixture.Registry.StartAsync(fixture.EverythingDefinition(name.ToUpperInvariant())));
            Assert.Contains("already exists", error.Message);
            Assert.Single(await fixture.ContainersOfAsync(name));
        }
        finally
        {
            await fixture.Registry.StopAsync(name);
        }
    }

    [Fact]
    public void Servers_are_found_by_wildcard_and_an_unknown_name_by_none()
    {
        Assert.Contains(fixture.Registry.Find("everything-*"), s => s.Name == fixture.Everything.Name);
        Assert.Empty(fixture.Registry.Find("zzz*"));

        Assert.False(fixture.Registry.TryGet("nope", out _));
    }

    [Fact]
    public async Task Parallel_starts_and_calls_from_many_threads_share_one_registry()
    {
        var names = Enumerable.Range(0, 3).Select(_ => EngineFixture.UniqueName("par")).ToList();
        try
        {
            await Parallel.ForEachAsync(names, async (name, ct) =>
            {
                var server = await fixture.Registry.StartAsync(fixture.EverythingDefinition(name), ct: ct);
                var result = await server.CallToolAsync("echo", ToolCallTests.Args(("message", name)), ct: ct);
                Assert.Equal("Echo: " + name, result.Text);
            });
            Assert.Equal(3, fixture.Registry.Find("par-*").Count);
        }
        finally
        {
            await Task.WhenAll(names.Select(n => fixture.Registry.StopAsync(n)));
        }
    }
}
