using ContainerMcp.Engine.Containers;

namespace ContainerMcp.Engine.Tests.Containers;

/// <summary>The pure parts of state volumes: names, paths, binds, and recognising a refused write.</summary>
public sealed class StateVolumeRulesTests
{
    [Fact]
    public void The_volume_is_named_after_the_server_ignoring_case_and_mounted_read_write_without_the_image_s_content()
    {
        Assert.Equal("containermcp-state-memory", StateVolumes.NameFor("Memory"));
        var request = HardenedContainerRequest.Build(
            new ContainerLaunchSpec { Image = "example/server:1", StatePath = "/data", Volumes = ["/src:/src"] }, "memory", "s", "10001:10001");
        Assert.Equal(["/src:/src:ro", "containermcp-state-memory:/data:rw,nocopy"], request.HostConfig!.Binds);
        Assert.True(request.HostConfig!.ReadonlyRootfs);
    }

    [Theory]
    [InlineData("/data")]
    [InlineData("/var/lib/memory")]
    public void A_plain_absolute_path_can_hold_state(string path) => Assert.Null(StateVolumes.Problem(path));

    [Theory]
    [InlineData("data", "absolute")]
    [InlineData("/", "read-only")]
    [InlineData("/tmp/state", "/tmp")]
    [InlineData("/data:ro", "':'")]
    [InlineData("/data/../etc", "'..'")]
    public void Other_paths_are_refused_saying_why(string path, string reason)
    {
        Assert.Contains(reason, StateVolumes.Problem(path));
        var error = Assert.Throws<ArgumentException>(() => HardenedContainerRequest.Build(
            new ContainerLaunchSpec { Image = "example/server:1", StatePath = path }, "memory", "s", null));
        Assert.Contains("state path", error.Message);
    }

    [Theory]
    [InlineData("EROFS: read-only file system, open '/app/node_modules/@modelcontextprotocol/server-memory/dist/memory.jsonl'")]
    [InlineData("EACCES: permission denied, mkdir '/data/graph'")]
    [InlineData("OSError: [Errno 30] Read-only file system: '/app/state.db'")]
    [InlineData("PermissionError: [Errno 13] Permission denied: '/data/state.db'")]
    [InlineData("open /var/lib/app/db: permission denied")]
    [InlineData("sqlite3.OperationalError: attempt to write a readonly database (Read-only file system)")]
    public void A_refused_write_is_recognised(string text) => Assert.True(FilesystemDenial.Matches(text), text);

    [Theory]
    [InlineData("permission denied for table origin")]
    [InlineData("ERROR: permission denied for schema public")]
    [InlineData("Access denied for user 'reader'")]
    [InlineData("Echo: read-only")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_failures_are_not(string? text) => Assert.False(FilesystemDenial.Matches(text), text);
}
