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

    internal static McpImage From(string name, ImageInspect image, bool reused) => FromLabels(image.Config?.Labels) with
    {
        Name = name,
        Id = image.Id,
        Size = image.Size,
        Created = DateTimeOffset.TryParse(image.Created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : null,
        Reused = reused,
    };

    internal static McpImage From(string name, ImageSummary image, bool inUse) => FromLabels(image.Labels) with
    {
        Name = name,
        Id = image.Id,
        Latest = image.RepoTags?.Contains($"{ImageReference.Split(name).Repository}:{McpImageBuilder.LatestTag}") == true,
        Size = image.Size,
        Created = DateTimeOffset.FromUnixTimeSeconds(image.Created),
        InUse = inUse,
    };

    private static McpImage FromLabels(IReadOnlyDictionary<string, string>? labels) => new()
    {
        Name = "",
        Id = "",
        Runtime = labels?.GetValueOrDefault(ImageLabels.Runtime),
        Role = labels?.GetValueOrDefault(ImageLabels.Role),
        BaseImage = labels?.GetValueOrDefault(ImageLabels.Base),
        Recipe = labels?.GetValueOrDefault(ImageLabels.Recipe),
        Packages = labels?.GetValueOrDefault(ImageLabels.Packages)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
        Bin = labels?.GetValueOrDefault(ImageLabels.Bin),
    };
}
