using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Servers;
using static ContainerMcp.Engine.Tests.Config.Imports.ImportAssert;

namespace ContainerMcp.Engine.Tests.Containers;

/// <summary>
/// Volume strings with Windows sources, as Docker Desktop users write them: the drive's colon is part of the path, and
/// the string reaches <c>HostConfig.Binds</c> as written (what the docker CLI sends for <c>-v</c>), read-only unless
/// it says rw. Pure: no Windows engine runs in this project's CI, so what Docker Desktop does with them is not proven here.
/// </summary>
public sealed class WindowsVolumeTests
{
    [Theory]
    [InlineData(@"C:\data:/data", @"C:\data:/data:ro")]
    [InlineData(@"C:\data:/data:rw", @"C:\data:/data:rw")]
    [InlineData("c:/data:/data:ro", "c:/data:/data:ro")]
    [InlineData(@"D:\My Data\mcp:/srv/mcp:z", @"D:\My Data\mcp:/srv/mcp:z,ro")]
    [InlineData(@"\\server\share:/data", @"\\server\share:/data:ro")]
    [InlineData(@"\\server\share\sub:/data:rw", @"\\server\share\sub:/data:rw")]
    public void Windows_sources_keep_their_drive_colon_and_are_read_only_unless_they_say_rw(string bind, string expected) =>
        Assert.Equal(expected, HardenedContainerRequest.NormalizeBind(bind));

    [Theory]
    [InlineData(@"C:\data:/data:ro", @"C:\data", "/data", "ro")]
    [InlineData("c:/data:/data", "c:/data", "/data", null)]
    [InlineData(@"\\server\share:/data", @"\\server\share", "/data", null)]
    [InlineData("/srv/data:/data:rw", "/srv/data", "/data", "rw")] // the Linux forms split as before
    [InlineData("cache:/cache", "cache", "/cache", null)]
    public void The_parts_are_split_where_docker_splits_them(string bind, string source, string target, string? mode) =>
        Assert.Equal(new BindSpec(source, target, mode), BindSpec.Split(bind));

    [Theory]
    [InlineData(@"C:\data")]
    [InlineData(@"C:\data:data")]
    [InlineData(@"C:\data:C:\app")]
    [InlineData(@"C:\data:/data:ro:extra")]
    [InlineData(@"C:\:")]
    [InlineData("c:/data")] // a drive path with no target, as docker reads it too, not a volume "c" at /data
    public void Malformed_windows_volume_is_refused_showing_the_windows_form(string bind)
    {
        var error = Assert.Throws<ArgumentException>(() => HardenedContainerRequest.NormalizeBind(bind));

        Assert.Contains($"'{bind}'", error.Message);
        Assert.Contains(@"'C:\data:/data'", error.Message);
    }

    [Fact]
    public void Volume_parameter_reaches_the_create_request_as_written()
    {
        // -Volume fills McpServerConfig.Volumes as given; the resolver and the request builder are the rest of the way.
        var config = new McpServerConfig { Name = "fs", Image = "img:1", Volumes = [@"C:\data:/data", @"\\nas\docs:/docs:rw"] };

        Assert.Equal([@"C:\data:/data:ro", @"\\nas\docs:/docs:rw"], Binds(config));
    }

    [Fact]
    public void Yaml_volumes_with_windows_paths_reach_the_create_request()
    {
        var config = Assert.Single(McpConfigYamlReader.Read("""
            name: fs
            image: img:1
            volumes: ['C:\data:/data', "c:/notes:/notes:rw"]
            """, "servers.yaml"));

        Assert.Equal([@"C:\data:/data:ro", "c:/notes:/notes:rw"], Binds(config));
    }

    [Fact]
    public void Docker_run_import_keeps_windows_sources_of_v_and_mount()
    {
        var config = Single(ClaudeEntry("fs", "docker", "run", "-i", "--rm",
            "-v", @"C:\Users\ada\notes:/notes", "--mount", @"type=bind,src=C:\Users\ada\Desktop,dst=/projects/Desktop,readonly",
            "mcp/filesystem", "/projects"));

        Assert.Equal([@"C:\Users\ada\notes:/notes:ro", @"C:\Users\ada\Desktop:/projects/Desktop:ro"], Binds(config));
    }

    private static IList<string>? Binds(McpServerConfig config)
    {
        var definition = new McpServerConfigResolver(_ => null).Resolve(config);
        return HardenedContainerRequest.Build(definition.Container, config.Name, "s", "10001:10001").HostConfig!.Binds;
    }
}
