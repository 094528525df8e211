using ContainerMcp.Engine.Docker.Models;
using ContainerMcp.Engine.Engines;

namespace ContainerMcp.Engine.Tests.Engines;

/// <summary>
/// What Get-McpEngine reads from an engine's own words. The rig's engines are all rootful, so rootless is read here
/// from the answers a rootless engine gives (Docker: name=rootless; Podman: the same option); the real engines are
/// asked in tests/Engines.Tests.ps1.
/// </summary>
public sealed class EngineSurveyTests
{
    [Fact]
    public void Podman_is_told_by_its_version_components()
    {
        var podman = new DockerVersionReport { Components = [new() { Name = "Podman Engine", Version = "4.3.1" }, new() { Name = "Conmon" }] };
        var docker = new DockerVersionReport { Components = [new() { Name = "Engine", Version = "27.3.1" }, new() { Name = "containerd" }] };

        Assert.Equal(EngineKind.Podman, EngineSurvey.KindOf(podman));
        Assert.Equal(EngineKind.Docker, EngineSurvey.KindOf(docker));
        Assert.Equal(EngineKind.Docker, EngineSurvey.KindOf(new DockerVersionReport()));
    }

    [Theory]
    [InlineData(new[] { "name=seccomp,profile=default", "name=rootless" }, true)]
    [InlineData(new[] { "name=seccomp,profile=builtin", "name=rootless", "name=cgroupns" }, true)]
    [InlineData(new[] { "name=seccomp,profile=default" }, false)]
    [InlineData(new[] { "name=rootlessish" }, false)]
    public void Rootless_is_the_security_option_name_rootless(string[] options, bool expected)
    {
        Assert.Equal(expected, EngineSurvey.IsRootless(new DockerSystemInfo { SecurityOptions = [.. options] }));
        Assert.False(EngineSurvey.IsRootless(new DockerSystemInfo()));
    }
}
