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

    /// <summary>The package program the image runs (npm bin, python console script); null picks it as npx or uvx would.</summary>
    public string? Bin { get; init; }

    /// <summary>
    /// The image must run a package program (a server started from a package, as npx would): a package with none,
    /// or with several and none named like it, is an error rather than an image that runs the bare runtime.
    /// </summary>
    public bool RequireBin { get; init; }

    public string RuntimeName => Kind.ToString().ToLowerInvariant();

    /// <summary>
    /// The repository used when none is named: named after the first package (<c>containermcp/server-memory</c>, the
    /// scope dropped), else <c>containermcp/mcp-node</c>, <c>containermcp/mcp-python</c>, <c>containermcp/mcp-custom</c>.
    /// </summary>
    public string RepositoryOrDefault => Repository
        ?? (Kind == RuntimeKind.Custom ? null : PackageNames.Repository(Packages, Kind))
        ?? $"containermcp/mcp-{RuntimeName}";

    /// <summary>What a server configuration builds: its package, or its runtime; null when it names an image to run.</summary>
    public static ImageRecipe? For(McpServerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Image is not null ? null
            : config.Package is { } package ? ForPackage(package)
            : config.Runtime is { } runtime ? From(runtime, config.Source) : null;
    }

    /// <summary>An npm package run as npx runs it: a node image with the package, whose entrypoint is the package's program.</summary>
    public static ImageRecipe ForPackage(string package, string? repository = null) => new()
    {
        Kind = RuntimeKind.Node,
        Packages = [package],
        RequireBin = true,
        Repository = repository,
    };

    /// <summary>A configuration's runtime block; a relative Dockerfile is found next to the configuration file.</summary>
    public static ImageRecipe From(RuntimeConfig runtime, ConfigSource? source = null, string? repository = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var directory = source is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(source.Path))!;
        return new ImageRecipe
        {
            Kind = runtime.Kind,
            Version = runtime.Version,
            // A package archive on this machine is found next to the configuration file, like a Dockerfile.
            Packages = runtime.PreinstallPackages
                .Select(p => PackageNames.IsLocalArchive(p) && !Path.IsPathRooted(p) ? Path.GetFullPath(Path.Combine(directory, p)) : p).ToList(),
            Bin = runtime.Bin,
            RequireBin = runtime.Bin is not null,
            BaseImage = runtime.BaseImage,
            Dockerfile = runtime.Dockerfile is { } dockerfile ? Path.GetFullPath(Path.Combine(directory, dockerfile)) : null,
            Repository = repository,
        };
    }
}
