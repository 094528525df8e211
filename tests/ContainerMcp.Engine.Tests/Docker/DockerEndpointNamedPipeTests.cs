using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Tests.Docker;

/// <summary>
/// Windows named-pipe endpoints, parsed and chosen with the operating system as a parameter. Only the pure part runs
/// here: connecting over a real pipe to Docker Desktop needs Windows, which this project's CI does not have.
/// </summary>
public sealed class DockerEndpointNamedPipeTests
{
    [Theory]
    [InlineData("npipe:////./pipe/docker_engine", "docker_engine")] // the docker CLI's spelling
    [InlineData("npipe://./pipe/docker_engine", "docker_engine")]
    [InlineData("NPIPE:////./PIPE/dockerDesktopLinuxEngine", "dockerDesktopLinuxEngine")]
    [InlineData(@"npipe://\\.\pipe\podman-machine-default", "podman-machine-default")]
    [InlineData("npipe:////./pipe/my engine?#%", "my engine?#%")]
    public void Local_named_pipe_is_read_in_every_spelling(string host, string pipe)
    {
        var endpoint = DockerEndpoint.Parse(host);

        Assert.Equal(pipe, endpoint.PipeName);
        Assert.Equal($"npipe:////./pipe/{pipe}", endpoint.ToString());
        Assert.Null(endpoint.SocketPath);
        Assert.False(endpoint.UseTls);
    }

    [Fact]
    public void Windows_default_is_docker_desktops_pipe_and_elsewhere_the_socket()
    {
        Assert.Equal("docker_engine", DockerEndpoint.DefaultFor(windows: true).PipeName);
        Assert.Equal("/var/run/docker.sock", DockerEndpoint.DefaultFor(windows: false).SocketPath);
        Assert.Null(DockerEndpoint.DefaultFor(windows: false).PipeName);
        Assert.Equal(DockerEndpoint.DefaultFor(OperatingSystem.IsWindows()), DockerEndpoint.Default);
    }

    [Theory]
    [InlineData("npipe:////server/pipe/docker_engine", "on this machine")]
    [InlineData("npipe:////./docker_engine", "on this machine")]
    [InlineData("npipe:////./pipe/", "pipe name")]
    [InlineData("npipe:////./pipe/a/b", "pipe name")]
    public void Remote_or_nameless_pipe_is_refused_with_an_example(string host, string why)
    {
        var error = Assert.Throws<ArgumentException>(() => DockerEndpoint.Parse(host));

        Assert.Contains($"'{host}'", error.Message);
        Assert.Contains(why, error.Message);
        Assert.Contains("npipe:////./pipe/docker_engine", error.Message);
    }

    [Fact]
    public async Task Named_pipe_off_windows_is_unreachable_with_the_reason()
    {
        if (OperatingSystem.IsWindows()) return; // there the pipe is really opened, which only Docker Desktop can answer
        using var client = new DockerClient(DockerEndpoint.Parse("npipe:////./pipe/docker_engine"));

        var error = await Assert.ThrowsAsync<DockerUnreachableException>(() => client.PingAsync());

        Assert.Contains("named pipes", error.Message);
        Assert.Contains("npipe:////./pipe/docker_engine", error.Message);
    }
}
