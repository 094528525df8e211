using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;
using ContainerMcp.Engine.Tests.Servers;

namespace ContainerMcp.Engine.Tests.Containers;

/// <summary>
/// A server's state volume against the real daemon, with tests/rig/servers/file-server.js (uid 10001, read-only root):
/// made on demand, labelled as ours, writable by the server's user, kept across crashes, rotations and stops,
/// removed only when asked.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class StateVolumeTests(EngineFixture fixture)
{
    private static readonly string ServersDir = Path.Combine(RepoPaths.Root, "tests", "rig", "servers");
    private static readonly RestartPolicy Quick = RestartPolicy.Default with { InitialDelay = TimeSpan.FromMilliseconds(100) };

    private McpServerDefinition FileServer(string name, string? statePath) =>
        new(name, new ContainerLaunchSpec
        {
            Image = fixture.Rig.NodeImage, // its entrypoint is node, its user 10001
            Command = ["/srv/file-server.js"],
            Volumes = [$"{ServersDir}:/srv:ro"],
            StatePath = statePath,
        }) { Restart = Quick };

    /// <summary>Cleanup: a container being replaced may still hold the volume for a moment after the stop.</summary>
    private Task RemoveOnceUnusedAsync(string volume) => Eventually.TrueAsync(async () =>
    {
        try { await StateVolumes.RemoveAsync(fixture.Docker, volume); return true; }
        catch (StateVolumeException) { return false; }
    }, $"volume {volume} is removed");

    private static IEnumerable<KeyValuePair<string, object?>> Write(string path, string text) => ToolCallTests.Args(("path", path), ("text", text));

    private static IEnumerable<KeyValuePair<string, object?>> Read(string path) => ToolCallTests.Args(("path", path));

    [Fact]
    public async Task State_volume_is_made_ours_writable_by_the_non_root_user_and_kept_across_a_crash_and_a_stop()
    {
        var name = EngineFixture.UniqueName("state");
        var volume = StateVolumes.NameFor(name);
        try
        {
            var server = await fixture.Registry.StartAsync(FileServer(name, "/var/lib/state"));

            var made = await fixture.Docker.InspectVolumeAsync(volume);
            Assert.Equal("true", made.Labels![ContainerLabels.Managed]);
            Assert.Equal("true", made.Labels[ContainerLabels.State]);
            Assert.Equal(name, made.Labels[ContainerLabels.Server]);
            Assert.False(made.Labels.ContainsKey(ContainerLabels.OwnerPid), "a state volume outlives its maker, so no process owns it");
            var container = await fixture.Docker.InspectContainerAsync(server.ContainerId);
            Assert.True(container.HostConfig.ReadonlyRootfs);
            Assert.Equal("10001:10001", container.Config.User);

            Assert.Equal("10001:10001", (await server.CallToolAsync("owner", Read("/var/lib/state"))).Text);
            var wrote = await server.CallToolAsync("write_file", Write("/var/lib/state/note.txt", "kept"));
            Assert.False(wrote.IsError, wrote.Text);
            var outsideState = await server.CallToolAsync("write_file", Write("/app/note.txt", "lost"));
            Assert.True(outsideState.IsError, "the root filesystem stays read-only");

            var first = server.ContainerId;
            await fixture.Docker.KillContainerAsync(first);
            await Eventually.TrueAsync(() => server.RestartCount == 1 && server.State == McpServerState.Running, "the server has restarted");
            Assert.Equal("kept", (await server.CallToolAsync("read_file", Read("/var/lib/state/note.txt"))).Text);

            await fixture.Registry.StopAsync(name);
            var kept = Assert.Single(await StateVolumes.ListAsync(fixture.Docker), v => v.Name == volume);
            Assert.Equal(name, kept.ServerName);
            Assert.Empty(kept.UsedBy);

            var again = await fixture.Registry.StartAsync(FileServer(name, "/var/lib/state"));
            Assert.Equal("kept", (await again.CallToolAsync("read_file", Read("/var/lib/state/note.txt"))).Text);
            await fixture.Registry.StopAsync(name);

            await StateVolumes.RemoveAsync(fixture.Docker, volume);
            await Assert.ThrowsAsync<DockerVolumeNotFoundException>(() => fixture.Docker.InspectVolumeAsync(volume));
        }
        finally
        {
            await fixture.Registry.StopAsync(name);
            await RemoveOnceUnusedAsync(volume);
        }
    }

    [Fact]
    public async Task Rotation_keeps_the_state_and_a_volume_in_use_is_not_removed()
    {
        var name = EngineFixture.UniqueName("state-rotate");
        var volume = StateVolumes.NameFor(name);
        try
        {
            var server = await fixture.Registry.StartAsync(FileServer(name, "/data") with { MaxExecutions = 1 });
            var first = server.ContainerId;
            Assert.False((await server.CallToolAsync("write_file", Write("/data/n.txt", "rotated"))).IsError);

            await Eventually.TrueAsync(() => server.RotationCount == 1 && server.ContainerId != first, "the container was replaced");
            Assert.Equal("rotated", (await server.CallToolAsync("read_file", Read("/data/n.txt"))).Text);

            var refused = await Assert.ThrowsAsync<StateVolumeException>(() => StateVolumes.RemoveAsync(fixture.Docker, volume));
            Assert.Contains("stop the server first", refused.Message);
            await fixture.Docker.InspectVolumeAsync(volume); // still there
        }
        finally
        {
            await fixture.Registry.StopAsync(name);
            await RemoveOnceUnusedAsync(volume);
        }
    }

    [Theory]
    [InlineData("mcp", "10001:10001")]     // by name: the image's /etc/passwd, with its primary group
    [InlineData("10001:root", "10001:0")]  // a group by name: the image's /etc/group
    public async Task A_user_given_by_name_gets_a_volume_owned_by_its_numbers(string user, string owner)
    {
        var name = EngineFixture.UniqueName("state-named-user");
        var volume = StateVolumes.NameFor(name);
        var definition = FileServer(name, "/data") with { Container = FileServer(name, "/data").Container with { User = user } };
        try
        {
            var server = await fixture.Registry.StartAsync(definition);

            var wrote = await server.CallToolAsync("write_file", Write("/data/n.txt", "mine"));
            Assert.False(wrote.IsError, wrote.Text);
            Assert.Equal(owner, (await server.CallToolAsync("owner", Read("/data"))).Text);
        }
        finally
        {
            await fixture.Registry.StopAsync(name);
            await RemoveOnceUnusedAsync(volume);
        }
    }

    [Fact]
    public async Task A_user_the_image_does_not_know_gets_no_volume_and_is_told_to_give_numbers()
    {
        var name = EngineFixture.UniqueName("state-unknown-user");
        var definition = FileServer(name, "/data") with { Container = FileServer(name, "/data").Container with { User = "ghost" } };

        var error = await Assert.ThrowsAsync<StateVolumeException>(() => fixture.Registry.StartAsync(definition));

        Assert.Contains("'ghost' is not in the image's /etc/passwd", error.Message);
        Assert.Contains("uid:gid", error.Message);
        Assert.False(fixture.Registry.TryGet(name, out _));
        await Assert.ThrowsAsync<DockerVolumeNotFoundException>(() => fixture.Docker.InspectVolumeAsync(StateVolumes.NameFor(name)));
    }

    [Fact]
    public async Task A_server_without_state_that_writes_fails_with_text_the_hint_recognises()
    {
        var name = EngineFixture.UniqueName("stateless");
        var server = await fixture.Registry.StartAsync(FileServer(name, statePath: null));
        try
        {
            var result = await server.CallToolAsync("write_file", Write("/app/memory.jsonl", "{}"));

            Assert.True(result.IsError);
            Assert.Contains("EROFS", result.Text);
            Assert.True(FilesystemDenial.Matches(result.Text), result.Text);
            Assert.Empty(await fixture.Docker.ListVolumesAsync(new Dictionary<string, string?> { [ContainerLabels.Server] = name }));
        }
        finally
        {
            await fixture.Registry.StopAsync(name);
        }
    }
}
