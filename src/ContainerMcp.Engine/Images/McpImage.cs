using System.Globalization;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Docker.Models;

namespace ContainerMcp.Engine.Images;

/// <summary>An image ContainerMcp made: a server image built for a definition, or a base imported from a host runtime.</summary>
public sealed record McpImage
{
    /// <summary><c>repository:tag</c>.</summary>
    public required string Name { get; init; }
    public required string Id { get; init; }

    /// <summary><c>node</c>, <c>python</c> or <c>custom</c>.</summary>
    public string? Runtime { get; init; }

    /// <summary><c>server</c> or <c>base</c>.</summary>
    public string? Role { get; init; }
    public string? BaseImage { get; init; }
    public string? Recipe { get; init; }
    public long Size { get; init; }
    public DateTimeOffset? Created { get; init; }

    /// <summary>True when an unchanged definition found its image already built, and nothing was built.</summary>
    public bool Reused { get; init; }

    /// <summary>True when some container (running or not) uses it.</summary>
    public bool InUse { get; init; }

    public string Repository => ImageReference.Split(Name).Repository;
    public string Tag => ImageReference.Split(Name).Tag;

    internal static McpImage From(string name, ImageInspect image, bool reused) => new()
    {
        Name = name,
        Id = image.Id,
        Runtime = image.Config?.Labels?.GetValueOrDefault(ImageLabels.Runtime),
        Role = image.Config?.Labels?.GetValueOrDefault(ImageLabels.Role),
        BaseImage = image.Config?.Labels?.GetValueOrDefault(ImageLabels.Base),
        Recipe = image.Config?.Labels?.GetValueOrDefault(ImageLabels.Recipe),
        Size = image.Size,
        Created = DateTimeOffset.TryParse(image.Created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : null,
        Reused = reused,
    };

    internal static McpImage From(string name, ImageSummary image, bool inUse) => new()
    {
        Name = name,
        Id = image.Id,
        Runtime = image.Labels?.GetValueOrDefault(ImageLabels.Runtime),
        Role = image.Labels?.GetValueOrDefault(ImageLabels.Role),
        BaseImage = image.Labels?.GetValueOrDefault(ImageLabels.Base),
        Recipe = image.Labels?.GetValueOrDefault(ImageLabels.Recipe),
        Size = image.Size,
        Created = DateTimeOffset.FromUnixTimeSeconds(image.Created),
        InUse = inUse,
    };
}
