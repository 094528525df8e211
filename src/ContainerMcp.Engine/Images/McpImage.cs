using System.Globalization;
using ContainerMcp.Engine.Docker;
using Docker.DotNet.Models;

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

    /// <summary>The packages it was made with, as written.</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];

    /// <summary>The package program it runs (npm bin, python console script); null when it runs the bare runtime.</summary>
    public string? Bin { get; init; }

    /// <summary>True when <c>repository:latest</c> names it too: it is the one last built or reused for its repository.</summary>
    public bool Latest { get; init; }
    public long Size { get; init; }
    public DateTimeOffset? Created { get; init; }

    /// <summary>True when an unchanged definition found its image already built, and nothing was built.</summary>
    public bool Reused { get; init; }

    /// <summary>True when some container (running or not) uses it.</summary>
    public bool InUse { get; init; }

    public string Repository => ImageReference.Split(Name).Repository;
    public string Tag => ImageReference.Split(Name).Tag;

    internal static McpImage From(string name, ImageInspectResponse image, bool reused) => FromLabels(image.Config?.Labels) with
    {
        Name = name,
        Id = image.ID,
        Size = image.Size,
        Created = image.Created is { } created ? new DateTimeOffset(created) : null,
        Reused = reused,
    };

    internal static McpImage From(string name, ImagesListResponse image, bool inUse) => FromLabels(image.Labels) with
    {
        Name = name,
        Id = image.ID,
        Latest = image.RepoTags?.Contains($"{ImageReference.Split(name).Repository}:{McpImageBuilder.LatestTag}") == true,
        Size = image.Size,
        Created = new DateTimeOffset(image.Created),
        InUse = inUse,
    };

    private static McpImage FromLabels(IDictionary<string, string>? labels) => new()
    {
        Name = "",
        Id = "",
        Runtime = labels.ValueOrNull(ImageLabels.Runtime),
        Role = labels.ValueOrNull(ImageLabels.Role),
        BaseImage = labels.ValueOrNull(ImageLabels.Base),
        Recipe = labels.ValueOrNull(ImageLabels.Recipe),
        Packages = labels.ValueOrNull(ImageLabels.Packages)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
        Bin = labels.ValueOrNull(ImageLabels.Bin),
    };
}
