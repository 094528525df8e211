namespace ContainerMcp.Engine.Docker.Models;

/// <summary>The parts of <c>GET /images/{name}/json</c> the product reads.</summary>
public sealed class ImageInspect
{
    public string Id { get; set; } = "";
    public List<string>? RepoTags { get; set; }
    public string? Created { get; set; }
    public long Size { get; set; }
    public ContainerConfig? Config { get; set; }
}

/// <summary>One row of <c>GET /images/json</c>.</summary>
public sealed class ImageSummary
{
    public string Id { get; set; } = "";
    public List<string>? RepoTags { get; set; }
    public long Created { get; set; }
    public long Size { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

/// <summary>Response of <c>GET /version</c>.</summary>
public sealed class DockerVersion
{
    public string Version { get; set; } = "";
    public string ApiVersion { get; set; } = "";
    public string? MinAPIVersion { get; set; }
    public string? Os { get; set; }
    public string? Arch { get; set; }
    public string? KernelVersion { get; set; }
}
