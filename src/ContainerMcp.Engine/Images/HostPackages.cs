using System.Text.RegularExpressions;

namespace ContainerMcp.Engine.Images;

/// <summary>
/// Resolves a server's packages on this machine, with the host's npm or pip, into a temporary directory that is
/// copied into the build context: the image build itself needs no network and no package manager.
/// </summary>
internal static partial class HostPackages
{
    /// <summary><c>npm install</c> of the packages into <paramref name="directory"/>/node_modules.</summary>
    public static async Task NpmInstallAsync(IReadOnlyList<string> packages, string directory, CancellationToken ct)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, "package.json"), """{ "private": true }""", ct).ConfigureAwait(false);
        var result = await HostCommand.RunAsync(
            "npm", ["install", "--no-audit", "--no-fund", "--omit=dev", "--no-package-lock", "--loglevel=error", .. packages], directory, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new McpImageException(
                $"npm could not install {Quote(packages)} on this machine (exit {result.ExitCode}): {result.Tail()}. " +
                "Check the package names and that the npm registry is reachable, or name a base image that has them (runtime.base_image).", next: NextStep.NameBaseImage);
    }

    /// <summary><c>pip install --target</c> of the packages with the given interpreter.</summary>
    public static async Task PipInstallAsync(string python, IReadOnlyList<string> packages, string target, CancellationToken ct)
    {
        var result = await HostCommand.RunAsync(
            python, ["-m", "pip", "install", "--target", target, "--no-input", "--disable-pip-version-check", "--retries", "0", "--timeout", "15", .. packages],
            ct: ct).ConfigureAwait(false);
        if (result.ExitCode == 0) return;

        var missing = NoDistribution().Matches(result.Error + result.Output).Select(m => m.Groups[1].Value.Trim()).Distinct().ToList();
        var which = missing.Count > 0 ? Quote(missing) : Quote(packages);
        throw new McpImageException(
            $"pip could not install {which} on this machine: {result.Tail(3)}. The Python package index may not be reachable from here. " +
            $"Install it from a wheel or sdist on this machine instead (preinstall_packages: [/path/to/x.whl]; uvx --from /path/to/x.whl), " +
            $"name a base image that already has {which} installed (runtime.base_image), " +
            "or leave preinstall_packages empty and bring the code in a read-only volume.", next: NextStep.NameBaseImage);
    }

    /// <summary>"@scope/name@1.2" → "@scope/name"; "name@^1" → "name".</summary>
    public static string PackageName(string spec)
    {
        var at = spec.IndexOf('@', 1);
        return at > 0 ? spec[..at] : spec;
    }

    private static string Quote(IEnumerable<string> packages) => string.Join(", ", packages.Select(p => $"'{p}'"));

    [GeneratedRegex(@"No matching distribution found for ([^\s]+)")]
    private static partial Regex NoDistribution();
}
