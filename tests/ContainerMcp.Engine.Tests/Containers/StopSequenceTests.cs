using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Containers;

/// <summary>How a container is stopped: end of input, then SIGTERM after half the grace, then SIGKILL (the MCP stdio
/// transport's shutdown), against real node processes in the rig's node image.</summary>
[Collection(EngineCollection.Name)]
public sealed class StopSequenceTests(EngineFixture fixture)
{
    private Task<AttachedContainer> LaunchAsync(string script) =>
        AttachedContainer.LaunchAsync(fixture.Docker, new ContainerLaunchSpec { Image = fixture.Rig.NodeImage, Command = ["-e", script] },
            EngineFixture.UniqueName("stop"), fixture.Registry.SessionId);

    [Fact]
    public async Task A_process_that_ignores_the_end_of_its_input_is_ended_by_SIGTERM_not_killed()
    {
        // Stdin is read but its end ignored, and a timer keeps node alive: as a server waiting for an answer does.
        var container = await LaunchAsync("process.stdin.resume(); process.stdin.on('end', () => {}); setInterval(() => {}, 1000)");

        await container.StopAsync(TimeSpan.FromSeconds(4));

        Assert.Equal(143, container.Exit?.ExitCode); // 128 + SIGTERM: the polite signal was enough
        Assert.True(await fixture.IsRemovedAsync(container.Id), $"container {container.Id} is left");
    }

    [Fact]
    public async Task A_process_that_ignores_SIGTERM_too_is_killed_after_the_grace_period()
    {
        var container = await LaunchAsync("process.stdin.resume(); process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)");

        await container.StopAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(137, container.Exit?.ExitCode);
        Assert.True(await fixture.IsRemovedAsync(container.Id), $"container {container.Id} is left");
    }
}
