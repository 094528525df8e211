namespace ContainerMcp.Engine.Docker;

/// <summary>Response of <c>GET /version</c>: ours, not the library's, since it reaches the pipeline.</summary>
public sealed class DockerVersion
{
    public string Version { get; set; } = "";
    public string ApiVersion { get; set; } = "";
    public string? MinAPIVersion { get; set; }
    public string? Os { get; set; }
    public string? Arch { get; set; }
    public string? KernelVersion { get; set; }
}
