namespace ContainerMcp.Engine.Docker.Models;

/// <summary>The parts of <c>GET /version</c> that tell an engine apart: Podman lists a component "Podman Engine".</summary>
public sealed class DockerVersionReport
{
    public string Version { get; set; } = "";
    public string ApiVersion { get; set; } = "";
    public string? Os { get; set; }
    public string? Arch { get; set; }
    public List<DockerVersionComponent>? Components { get; set; }
}

public sealed class DockerVersionComponent
{
    public string Name { get; set; } = "";
    public string? Version { get; set; }
}

/// <summary>The parts of <c>GET /info</c> Get-McpEngine shows; <c>SecurityOptions</c> holds <c>name=rootless</c> for a rootless engine.</summary>
public sealed class DockerSystemInfo
{
    public string? Name { get; set; }
    public string? OperatingSystem { get; set; }
    public string? OSType { get; set; }
    public List<string>? SecurityOptions { get; set; }
}
