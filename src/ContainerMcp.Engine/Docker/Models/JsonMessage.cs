using System.Text.Json;

namespace ContainerMcp.Engine.Docker.Models;

/// <summary>One line of the JSON stream that build, import and pull answer with.</summary>
public sealed class JsonMessage
{
    /// <summary>Build output (a Dockerfile step and what it printed).</summary>
    public string? Stream { get; set; }

    /// <summary>Pull and import status ("Downloading", "Pull complete", an image id).</summary>
    public string? Status { get; set; }

    /// <summary>The layer or image a status is about.</summary>
    public string? Id { get; set; }

    public JsonProgressDetail? ProgressDetail { get; set; }
    public string? Error { get; set; }
    public JsonErrorDetail? ErrorDetail { get; set; }

    /// <summary>Extra data: the built image's <c>ID</c>.</summary>
    public JsonElement? Aux { get; set; }
}

public sealed class JsonProgressDetail
{
    public long? Current { get; set; }
    public long? Total { get; set; }
}

public sealed class JsonErrorDetail
{
    public string? Message { get; set; }
}

/// <summary>One entry of <c>DELETE /images/{name}</c>'s answer.</summary>
public sealed class ImageDeleteResponseItem
{
    public string? Untagged { get; set; }
    public string? Deleted { get; set; }
}
