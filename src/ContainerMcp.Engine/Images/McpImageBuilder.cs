using System.Security.Cryptography;
using System.Text;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Images;

/// <summary>
/// Makes the image a recipe describes, or finds it made already. The tag is a hash of everything the image is made
/// from — the recipe, the base image's id and, for a Dockerfile, every file of its context — so an unchanged
/// definition reuses its image without building, and any change gets a new tag. Nothing is pulled.
/// </summary>
public sealed class McpImageBuilder(DockerClient docker)
{
    /// <summary>The tag that follows the image last built or reused for a repository.</summary>
    public const string LatestTag = "latest";

    /// <summary>Builds the image, or returns the existing one with <see cref="McpImage.Reused"/> set.</summary>
    /// <exception cref="McpImageException">No base image, a package that cannot be installed, a missing Dockerfile.</exception>
    /// <exception cref="DockerImageBuildException">A build step failed.</exception>
    public async Task<McpImage> BuildAsync(ImageRecipe recipe, IProgress<DockerProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return recipe.Kind == RuntimeKind.Custom
            ? await BuildCustomAsync(recipe, progress, ct).ConfigureAwait(false)
            : await BuildRuntimeAsync(recipe, progress, ct).ConfigureAwait(false);
    }

    /// <summary>The base image made from the runtime installed on this machine, imported once per content hash.</summary>
    public async Task<McpImage> EnsureHostBaseAsync(RuntimeKind kind, string? version, IProgress<DockerProgress>? progress, CancellationToken ct)
    {
        var runtime = await HostRuntime.FindAsync(kind, ct).ConfigureAwait(false);
        if (!runtime.Satisfies(version))
            throw new McpImageException(
                $"The {runtime.Name} runtime asked for is version {version}, but this machine has {runtime.Version} ({runtime.Executable}). " +
                $"Name a base image with {runtime.Name} {version} (runtime.base_image), or drop the version.", next: NextStep.NameBaseImage);

        progress?.Report(new DockerProgress($"Collecting {runtime.Name} {runtime.Version} from {runtime.Executable}"));
        var rootfs = await runtime.RootFilesystemAsync(ct).ConfigureAwait(false);
        var hash = Hash("base", GeneratedDockerfile.Version, runtime.Name, runtime.Executable, rootfs.ContentHash());
        var repository = $"containermcp/base-{runtime.Name}";
        var name = $"{repository}:{hash[..16]}";
        if (await FindAsync(name, hash, ct).ConfigureAwait(false) is { } existing) return existing with { Reused = true };

        progress?.Report(new DockerProgress($"Importing {runtime.Name} {runtime.Version} as base image {name} ({rootfs.Count} files)"));
        using var archive = rootfs.ToStream();
        var command = kind == RuntimeKind.Node ? "node" : "python3";
        await docker.ImportImageAsync(archive, repository, hash[..16],
        [
            $"USER {ImageLabels.UserId}:{ImageLabels.UserId}",
            "WORKDIR /app",
            "ENV HOME=/tmp",
            "ENV PATH=/usr/local/bin:/usr/bin:/bin",
            $"ENTRYPOINT [\"{command}\"]",
            $"LABEL {ImageLabels.Managed}=true {ImageLabels.Role}={ImageLabels.BaseRole} {ImageLabels.Runtime}={runtime.Name} {ImageLabels.Recipe}={hash}",
        ], ct).ConfigureAwait(false);
        return McpImage.From(name, await docker.InspectImageAsync(name, ct).ConfigureAwait(false), reused: false);
    }

    private async Task<McpImage> BuildRuntimeAsync(ImageRecipe recipe, IProgress<DockerProgress>? progress, CancellationToken ct)
    {
        var baseImage = recipe.BaseImage is { } named
            ? await NamedBaseAsync(named, ct).ConfigureAwait(false)
            : (await EnsureHostBaseAsync(recipe.Kind, recipe.Version, progress, ct).ConfigureAwait(false)).Name;
        var baseId = (await docker.InspectImageAsync(baseImage, ct).ConfigureAwait(false)).ID;

        // The packages as written decide the image (and a package archive's content): resolving them again (npm, pip)
        // happens only when it is built.
        var hash = Hash(["server", GeneratedDockerfile.Version, recipe.RuntimeName, baseId, $"uid {ImageLabels.UserId}", $"bin {recipe.Bin}",
            .. recipe.Packages, .. await ArchiveHashesAsync(recipe.Packages, ct).ConfigureAwait(false)]);
        var name = $"{recipe.RepositoryOrDefault}:{hash[..16]}";
        // An image that runs no package program is not reused for a server that needs one: building says why it has none.
        if (await FindAsync(name, hash, ct).ConfigureAwait(false) is { } existing && !(recipe.RequireBin && existing.Bin is null))
        {
            progress?.Report(new DockerProgress($"Image {name} is up to date (reused, nothing built)"));
            return await TagLatestAsync(existing with { Reused = true }, ct).ConfigureAwait(false);
        }

        var context = new InMemoryTar();
        var work = Directory.CreateTempSubdirectory("containermcp-image-");
        try
        {
            PackagePrograms.Program? program = null;
            if (recipe.Kind == RuntimeKind.Node)
            {
                if (recipe.Packages.Count > 0)
                {
                    progress?.Report(new DockerProgress($"npm install {string.Join(' ', recipe.Packages)} (on this machine)"));
                    await HostPackages.NpmInstallAsync(recipe.Packages, work.FullName, ct).ConfigureAwait(false);
                    var nodeModules = Path.Combine(work.FullName, "node_modules");
                    context.AddHostDirectory("node_modules", nodeModules);
                    program = PackagePrograms.Node(nodeModules, recipe);
                }
                context.AddFile("Dockerfile", GeneratedDockerfile.Node(baseImage, recipe.Packages.Count > 0, program?.Entrypoint));
            }
            else
            {
                if (recipe.Packages.Count > 0)
                {
                    progress?.Report(new DockerProgress($"pip install --target {string.Join(' ', recipe.Packages)} (on this machine)"));
                    var python = await HostRuntime.FindAsync(RuntimeKind.Python, ct).ConfigureAwait(false);
                    var sitePackages = Path.Combine(work.FullName, "site-packages");
                    await HostPackages.PipInstallAsync(python.Executable, recipe.Packages, sitePackages, ct).ConfigureAwait(false);
                    context.AddHostDirectory("site-packages", sitePackages);
                    program = PackagePrograms.Python(sitePackages, recipe);
                }
                context.AddFile("Dockerfile", GeneratedDockerfile.Python(baseImage, recipe.Packages.Count > 0, program?.Entrypoint));
            }

            var labels = new Dictionary<string, string>();
            if (recipe.Packages.Count > 0) labels[ImageLabels.Packages] = string.Join(' ', recipe.Packages);
            if (program is not null) labels[ImageLabels.Bin] = program.Name;
            return await BuildContextAsync(context, name, hash, recipe.RuntimeName, baseImage, labels, progress, ct).ConfigureAwait(false);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private async Task<McpImage> BuildCustomAsync(ImageRecipe recipe, IProgress<DockerProgress>? progress, CancellationToken ct)
    {
        var dockerfile = recipe.Dockerfile ?? throw new McpImageException("A custom runtime needs a Dockerfile (runtime.dockerfile).");
        if (!File.Exists(dockerfile))
            throw new McpImageException($"The Dockerfile '{dockerfile}' does not exist. runtime.dockerfile is relative to the configuration file.");

        foreach (var from in DockerfileBases.Read(await File.ReadAllTextAsync(dockerfile, ct).ConfigureAwait(false)))
            await NamedBaseAsync(from, ct).ConfigureAwait(false);

        // The Dockerfile's directory is the context, all of it (but .git) in the hash: any change to it is a new image.
        var context = new InMemoryTar();
        context.AddHostDirectory("", Path.GetDirectoryName(dockerfile)!, path => Path.GetFileName(path) == ".git");
        var hash = Hash("custom", GeneratedDockerfile.Version, Path.GetFileName(dockerfile), context.ContentHash());
        var name = $"{recipe.RepositoryOrDefault}:{hash[..16]}";
        if (await FindAsync(name, hash, ct).ConfigureAwait(false) is { } existing)
        {
            progress?.Report(new DockerProgress($"Image {name} is up to date (reused, nothing built)"));
            return await TagLatestAsync(existing with { Reused = true }, ct).ConfigureAwait(false);
        }

        return await BuildContextAsync(context, name, hash, recipe.RuntimeName, null, new Dictionary<string, string>(), progress, ct, Path.GetFileName(dockerfile))
            .ConfigureAwait(false);
    }

    private async Task<McpImage> BuildContextAsync(
        InMemoryTar context, string name, string hash, string runtime, string? baseImage, Dictionary<string, string> labels,
        IProgress<DockerProgress>? progress, CancellationToken ct, string dockerfile = "Dockerfile")
    {
        labels[ImageLabels.Managed] = "true";
        labels[ImageLabels.Role] = ImageLabels.ServerRole;
        labels[ImageLabels.Runtime] = runtime;
        labels[ImageLabels.Recipe] = hash;
        if (baseImage is not null) labels[ImageLabels.Base] = baseImage;

        progress?.Report(new DockerProgress($"Building {name} ({context.Count} files in the context)"));
        using var archive = context.ToStream();
        await docker.BuildImageAsync(archive, name, labels, dockerfile, progress, ct).ConfigureAwait(false);
        return await TagLatestAsync(McpImage.From(name, await docker.InspectImageAsync(name, ct).ConfigureAwait(false), reused: false), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Also names the image <c>repository:latest</c>: the tag changes with every change to what an image is made from,
    /// so scripts name the one last built or reused for a repository by <c>latest</c>.
    /// </summary>
    private async Task<McpImage> TagLatestAsync(McpImage image, CancellationToken ct)
    {
        await docker.TagImageAsync(image.Name, image.Repository, LatestTag, ct).ConfigureAwait(false);
        return image with { Latest = true };
    }

    /// <summary>The content hash of each package archive on this machine: a rebuilt wheel of the same name is a new image.</summary>
    private static async Task<IEnumerable<string>> ArchiveHashesAsync(IReadOnlyList<string> packages, CancellationToken ct)
    {
        var hashes = new List<string>();
        foreach (var archive in packages.Where(p => PackageNames.IsLocalArchive(p) && File.Exists(p)))
        {
            await using var file = File.OpenRead(archive);
            hashes.Add(Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct).ConfigureAwait(false)));
        }
        return hashes;
    }

    /// <summary>The image of that name when it carries the recipe hash; null when missing or made from something else.</summary>
    private async Task<McpImage?> FindAsync(string name, string hash, CancellationToken ct)
    {
        try
        {
            var image = await docker.InspectImageAsync(name, ct).ConfigureAwait(false);
            return image.Config?.Labels.ValueOrNull(ImageLabels.Recipe) == hash ? McpImage.From(name, image, reused: false) : null;
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    private async Task<string> NamedBaseAsync(string image, CancellationToken ct)
    {
        try
        {
            await docker.InspectImageAsync(image, ct).ConfigureAwait(false);
            return image;
        }
        catch (DockerImageNotFoundException)
        {
            throw new McpImageException(
                $"The base image '{image}' is not in the Docker engine's local store, and ContainerMcp does not pull during a build (no registry may be reachable). " +
                "Pull it first where a registry is reachable, load or build it locally, " +
                "or leave base_image out to make a base from the runtime installed on this machine.", next: NextStep.PullImage);
        }
    }

    private static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', parts))));
}
