using ContainerMcp.Engine.Config;

namespace ContainerMcp.Engine.Images;

/// <summary>What an image is made from: a runtime with packages (on a named base, or on one made from the host's runtime), or a Dockerfile.</summary>
public sealed record ImageRecipe
{
    public required RuntimeKind Kind { get; init; }

    /// <summary>The runtime's version; for a base made from the host, the host's must start with it.</summary>
    public string? Version { get; init; }

    /// <summary>npm or pip package specs, resolved on the host and copied into the image.</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];

    /// <summary>A local image to build on; null makes one from the runtime installed on this machine.</summary>
    public string? BaseImage { get; init; }

    /// <summary>For <see cref="RuntimeKind.Custom"/>: the Dockerfile (absolute); its directory is the build context.</summary>
    public string? Dockerfile { get; init; }

    /// <summary>The repository to tag into; the tag is always derived from the content.</summary>
    public string? Repository { get; init; }

    public string RuntimeName => Kind.ToString().ToLowerInvariant();

    /// <summary>The repository used when none is named: <c>containermcp/mcp-node</c>, <c>containermcp/mcp-python</c>, <c>containermcp/mcp-custom</c>.</summary>
    public string RepositoryOrDefault => Repository ?? $"containermcp/mcp-{RuntimeName}";

    /// <summary>A configuration's runtime block; a relative Dockerfile is found next to the configuration file.</summary>
    public static ImageRecipe From(RuntimeConfig runtime, ConfigSource? source = null, string? repository = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var directory = source is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(source.Path))!;
        return new ImageRecipe
        {
            Kind = runtime.Kind,
            Version = runtime.Version,
            Packages = runtime.PreinstallPackages,
            BaseImage = runtime.BaseImage,
            Dockerfile = runtime.Dockerfile is { } dockerfile ? Path.GetFullPath(Path.Combine(directory, dockerfile)) : null,
            Repository = repository,
        };
    }
}
