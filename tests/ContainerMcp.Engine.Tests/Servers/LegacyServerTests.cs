using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Servers;

/// <summary>
/// tests/rig/servers/legacy-server.js: a server from before the 2026-07-28 revision that answers only initialize,
/// ping and tools/*, and drops every other request without a word, the SDK's <c>server/discover</c> probe
/// included. The engine must still reach it with the initialize handshake. (How long that takes is measured by the
/// benchmark, bench/run.sh, not asserted here.)
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class LegacyServerTests(EngineFixture fixture)
{
    private static readonly string ServersDir = Path.Combine(RepoPaths.Root, "tests", "rig", "servers");

    [Fact]
    public async Task Server_that_drops_unknown_requests_starts_with_the_initialize_handshake_and_answers_a_call()
    {
        var server = await fixture.Registry.StartAsync(new McpServerDefinition(EngineFixture.UniqueName("legacy"), new ContainerLaunchSpec
        {
            Image = fixture.Rig.NodeImage,   // its entrypoint is node
            Command = ["/srv/legacy-server.js"],
            Volumes = [$"{ServersDir}:/srv:ro"],
        }));
        try
        {
            Assert.Equal(McpServerState.Running, server.State);
            Assert.Equal("legacy-server", server.Identity?.Name);
            Assert.Equal(["echo"], (await server.ListToolsAsync()).Select(t => t.Name));

            var echo = await server.CallToolAsync("echo", ToolCallTests.Args(("message", "no discover")));
            Assert.False(echo.IsError);
            Assert.Equal("Echo: no discover", echo.Text);
            await server.PingAsync();

            // It really is the kind of server the probe waits for: a request it does not know gets no answer at all.
            using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.ListResourcesAsync(giveUp.Token));
            Assert.Equal(McpServerState.Running, server.State);
        }
        finally
        {
            await fixture.Registry.StopAsync(server.Name);
        }
    }
}
