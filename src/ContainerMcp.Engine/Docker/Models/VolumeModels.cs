namespace ContainerMcp.Engine.Docker.Models;

/// <summary>Body of <c>POST /volumes/create</c>.</summary>
public sealed class VolumeCreateRequest
{
    public required string Name { get; set; }
    public string Driver { get; set; } = "local";
    public Dictionary<string, string>? Labels { get; set; }
}

/// <summary>One volume as <c>GET /volumes/{name}</c> and <c>GET /volumes</c> describe it.</summary>
public sealed class VolumeInspect
{
    public string Name { get; set; } = "";
    public string Driver { get; set; } = "";
    public string? Mountpoint { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

/// <summary>Body of <c>GET /volumes</c>.</summary>
public sealed class VolumeListResponse
{
    public List<VolumeInspect>? Volumes { get; set; }
}
