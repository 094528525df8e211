using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Servers;

/// <summary>A dead container is replaced with backoff; one that keeps dying leaves the server Failed with its stderr.</summary>
[Collection(EngineCollection.Name)]
public sealed class RestartTests(EngineFixture fixture)
{
    private static readonly RestartPolicy Quick = RestartPolicy.Default with { InitialDelay = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task Killed_container_is_restarted_and_the_server_is_healthy_again()
    {
        var definition = fixture.EverythingDefinition(EngineFixture.UniqueName("restart")) with { Restart = Quick };
        var server = await fixture.Registry.StartAsync(definition);
        try
        {
            var first = server.ContainerId;
            await fixture.Docker.KillContainerAsync(first);

            await Eventually.TrueAsync(() => server.RestartCount == 1 && server.State == McpServerState.Running, "the server has restarted");

            Assert.NotEqual(first, server.ContainerId);
            Assert.Contains("killed", server.LastExitReason);
            var health = await server.CheckHealthAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(HealthStatus.Healthy, health.Status);
            Assert.Equal(1, health.Restarts);
            var echoed = await server.CallToolAsync("echo", ToolCallTests.Args(("message", "back again")));
            Assert.Contains("back again", echoed.Text);
            await Eventually.TrueAsync(() => fixture.IsRemovedAsync(first), $"container {first} is removed");
        }
        finally
        {
            await fixture.Registry.StopAsync(definition.Name);
        }
    }

    [Fact]
    public async Task A_call_made_while_the_server_restarts_waits_for_it()
    {
        var definition = fixture.EverythingDefinition(EngineFixture.UniqueName("waiter")) with
        {
            Restart = Quick with { InitialDelay = TimeSpan.FromSeconds(1) },
        };
        var server = await fixture.Registry.StartAsync(definition);
        try
        {
            await fixture.Docker.KillContainerAsync(server.ContainerId);
            await Eventually.TrueAsync(() => server.State == McpServerState.Restarting, "the server is restarting");

            var echoed = await server.CallToolAsync("echo", ToolCallTests.Args(("message", "patient")));

            Assert.Contains("patient", echoed.Text);
            Assert.Equal(1, server.RestartCount);
        }
        finally
        {
            await fixture.Registry.StopAsync(definition.Name);
        }
    }

    [Fact]
    public async Task Crash_looping_server_ends_Failed_with_its_stderr_in_the_reason()
    {
        // Answers the handshake, then dies a moment later, every time.
        var definition = new McpServerDefinition(EngineFixture.UniqueName("crashloop"), new ContainerLaunchSpec
        {
            Image = fixture.Rig.EverythingImage,
            Entrypoint = ["/usr/bin/node", "-e",
                "setTimeout(() => { console.error('fatal: lost the license server'); process.exit(7) }, 1500);" +
                "const entry = '/app/node_modules/@modelcontextprotocol/server-everything/dist/index.js';" +
                "process.argv.splice(1, 0, entry); import(entry)"],
            Command = ["stdio"],
        }) { Restart = Quick with { MaxRestarts = 2 } };
        var server = await fixture.Registry.StartAsync(definition);
        try
        {
            await Eventually.TrueAsync(() => server.State == McpServerState.Failed, "the server has failed", TimeSpan.FromSeconds(60));

            Assert.Equal(2, server.RestartCount);
            Assert.Contains("kept crashing", server.FailureReason);
            Assert.Contains("fatal: lost the license server", server.FailureReason);
            Assert.Contains("exited with code 7", server.FailureReason);
            var error = await Assert.ThrowsAsync<McpServerFailedException>(
                () => server.CallToolAsync("echo", ToolCallTests.Args(("message", "hello?"))));
            Assert.Contains("fatal: lost the license server", error.Message);
            Assert.Equal(HealthStatus.Unhealthy, (await server.CheckHealthAsync(TimeSpan.FromSeconds(1))).Status);
            // The dead container is removed right after its end is recorded, alongside the Failed verdict, not before it.
            await Eventually.TrueAsync(async () => (await fixture.ContainersOfAsync(definition.Name)).Count == 0,
                "the last crashed container is removed without a Stop");
        }
        finally
        {
            await fixture.Registry.StopAsync(definition.Name);
        }
    }

    [Fact]
    public void Backoff_doubles_from_the_initial_delay_up_to_the_cap()
    {
        var policy = new RestartPolicy { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) };
        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(1, 5).Select(n => policy.DelayBefore(n).TotalSeconds));
    }
}
