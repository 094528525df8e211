using System.Diagnostics;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Servers;

/// <summary>on-demand, pre-warmed, rotation and the session's container cap, with real containers.</summary>
[Collection(EngineCollection.Name)]
public sealed class StrategyTests(EngineFixture fixture)
{
    [Fact]
    public async Task On_demand_server_starts_on_first_call_and_stops_when_idle_keeping_its_tools()
    {
        var definition = fixture.EverythingDefinition(EngineFixture.UniqueName("ondemand")) with
        {
            Strategy = LifecycleStrategy.OnDemand,
            IdleTimeout = TimeSpan.FromSeconds(2),
        };
        var server = await fixture.Registry.StartAsync(definition);
        try
        {
            Assert.Equal(McpServerState.Idle, server.State);
            Assert.Empty(await fixture.ContainersOfAsync(definition.Name));

            var echoed = await server.CallToolAsync("echo", ToolCallTests.Args(("message", "wake up")));
            Assert.Contains("wake up", echoed.Text);
            Assert.Equal(McpServerState.Running, server.State);
            var tools = await server.ListToolsAsync();

            await Eventually.TrueAsync(() => server.State == McpServerState.Idle, "the idle server stopped its container");
            await Eventually.TrueAsync(async () => (await fixture.ContainersOfAsync(definition.Name)).Count == 0, "its container is removed");

            Assert.Equal(tools.Select(t => t.Name), (await server.ListToolsAsync()).Select(t => t.Name));
            Assert.Equal(McpServerState.Idle, server.State); // listing the kept tools did not start it
            Assert.Equal(HealthStatus.Stopped, (await server.CheckHealthAsync(TimeSpan.FromSeconds(1))).Status);
            Assert.Contains("again", (await server.CallToolAsync("echo", ToolCallTests.Args(("message", "again")))).Text);
        }
        finally
        {
            await fixture.Registry.StopAsync(definition.Name);
        }
    }

    [Fact]
    public async Task Pre_warmed_server_returns_at_once_and_is_ready_for_its_first_call()
    {
        var definition = fixture.EverythingDefinition(EngineFixture.UniqueName("prewarm")) with { Strategy = LifecycleStrategy.PreWarmed };
        var clock = Stopwatch.StartNew();
        var server = await fixture.Registry.StartAsync(definition);
        var registered = clock.Elapsed;
        try
        {
            Assert.Equal(McpServerState.Starting, server.State);
            await Eventually.TrueAsync(() => server.State == McpServerState.Running, "the pre-warmed server is running");
            Assert.True(registered < TimeSpan.FromMilliseconds(200), $"registering took {registered}; the start should run in the background");
            Assert.Contains("warm", (await server.CallToolAsync("echo", ToolCallTests.Args(("message", "warm")))).Text);
        }
        finally
        {
            await fixture.Registry.StopAsync(definition.Name);
        }
    }

    [Fact]
    public async Task Rotation_after_max_executions_loses_no_call_under_a_steady_stream()
    {
        var definition = fixture.EverythingDefinition(EngineFixture.UniqueName("rotate")) with { MaxExecutions = 10 };
        var server = await fixture.Registry.StartAsync(definition);
        try
        {
            var containers = new HashSet<string> { server.ContainerId };
            long calls = 0;
            // Three callers keep calling until two rotations are done (the new container starts in the background),
            // then ten calls more each; every call must succeed.
            var streams = Enumerable.Range(0, 3).Select(async stream =>
            {
                int after = 0;
                for (int i = 0; after < 10 && i < 2000; i++)
                {
                    var result = await server.CallToolAsync("echo", ToolCallTests.Args(("message", $"{stream}-{i}")));
                    Assert.Contains($"{stream}-{i}", result.Text);
                    Interlocked.Increment(ref calls);
                    lock (containers) containers.Add(server.ContainerId);
                    if (server.RotationCount >= 2) after++;
                }
            });

            await Task.WhenAll(streams);

            Assert.Equal(Interlocked.Read(ref calls), server.CallCount);
            Assert.True(server.RotationCount >= 2, $"{server.RotationCount} rotations after {server.CallCount} calls");
            Assert.True(containers.Count >= 3, $"calls went to {containers.Count} containers");
            await Eventually.TrueAsync(async () => (await fixture.ContainersOfAsync(definition.Name)).Count == 1, "only the current container is left");
        }
        finally
        {
            await fixture.Registry.StopAsync(definition.Name);
        }
    }

    [Fact]
    public async Task Starting_past_the_container_cap_is_a_clear_error()
    {
        await using var registry = new McpServerRegistry(fixture.Docker) { MaxRunningContainers = 1 };
        await registry.StartAsync(fixture.EverythingDefinition("first"));

        var error = await Assert.ThrowsAsync<McpServerCapacityException>(() => registry.StartAsync(fixture.EverythingDefinition("second")));

        Assert.Contains("already runs 1 containers", error.Message);
        Assert.Contains("first", error.Message);
        Assert.False(registry.TryGet("second", out _));
        // An idle on-demand server holds no container, so it may be registered past the cap; its first call may not start.
        var idle = await registry.StartAsync(fixture.EverythingDefinition("lazy") with { Strategy = LifecycleStrategy.OnDemand });
        await Assert.ThrowsAsync<McpServerCapacityException>(() => idle.CallToolAsync("echo", ToolCallTests.Args(("message", "x"))));
        Assert.Equal(McpServerState.Idle, idle.State);
    }
}
