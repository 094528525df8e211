using System.Text.Json;
using ContainerMcp.Engine.Config;

namespace ContainerMcp.Engine.Images;

/// <summary>
/// The program an image of packages runs, chosen as npx and uvx choose: the one asked for by name; else the first
/// package's only program; else its program named like the package. Read after the packages are installed on this
/// machine (npm <c>bin</c> in each package.json; the console scripts pip wrote to <c>bin/</c>).
/// </summary>
internal static class PackagePrograms
{
    /// <summary>A program: its name, and what the image's entrypoint runs.</summary>
    public sealed record Program(string Name, string[] Entrypoint);

    /// <param name="nodeModules">The installed node_modules.</param>
    /// <param name="recipe">Its packages, the program asked for (<see cref="ImageRecipe.Bin"/>), and whether one is required.</param>
    /// <returns>The program, or null when none can be told and none is required.</returns>
    /// <exception cref="McpImageException">The asked or required program is not there: the message lists what is.</exception>
    public static Program? Node(string nodeModules, ImageRecipe recipe)
    {
        var bins = recipe.Packages.Select(p => (Package: HostPackages.PackageName(p), Bins: NodeBins(nodeModules, HostPackages.PackageName(p)))).ToList();
        var chosen = Choose(recipe, bins[0].Bins.Keys.ToList(), PackageNames.ShortName(recipe.Packages[0], RuntimeKind.Node), bins.SelectMany(b => b.Bins.Keys));
        if (chosen is null) return null;
        var script = bins.Select(b => b.Bins.GetValueOrDefault(chosen)).First(s => s is not null)!;
        return new Program(chosen, ["node", $"/app/node_modules/{script}"]);
    }

    /// <param name="sitePackages">The <c>pip install --target</c> directory; its <c>bin/</c> holds the console scripts.</param>
    /// <param name="recipe">As for <see cref="Node"/>.</param>
    public static Program? Python(string sitePackages, ImageRecipe recipe)
    {
        var bin = Path.Combine(sitePackages, "bin");
        var scripts = Directory.Exists(bin) ? Directory.EnumerateFiles(bin).Select(Path.GetFileName).OfType<string>().Order().ToList() : [];
        var chosen = Choose(recipe, scripts, PackageNames.ShortName(recipe.Packages[0], RuntimeKind.Python), scripts);
        // The scripts' #! line names this machine's interpreter; running them with python3 does not depend on it.
        return chosen is null ? null : new Program(chosen, ["python3", $"/app/site-packages/bin/{chosen}"]);
    }

    private static string? Choose(ImageRecipe recipe, IReadOnlyList<string> firstPackages, string packageName, IEnumerable<string> all)
    {
        var available = all.Distinct().ToList();
        if (recipe.Bin is { } asked)
        {
            return available.Contains(asked) ? asked : throw new McpImageException(
                $"No package of {Quote(recipe.Packages)} provides a program named '{asked}'. {Available(available)}");
        }
        if (firstPackages.Count == 1) return firstPackages[0];
        var named = firstPackages.FirstOrDefault(b => PackageNames.Comparable(b) == PackageNames.Comparable(packageName));
        if (named is not null || !recipe.RequireBin) return named;
        throw new McpImageException(firstPackages.Count == 0
            ? $"The package '{recipe.Packages[0]}' has no program to run (no bin / console script), so it cannot be started as npx or uvx would. " +
              "Describe the server with runtime: and mcp_server.command instead."
            : $"The package '{recipe.Packages[0]}' has several programs and none is named like it: {string.Join(", ", firstPackages)}. " +
              "Name the one to run with runtime: { …, bin: <name> } in a configuration file.");
    }

    /// <summary>A package's bin entries: name → script relative to node_modules.</summary>
    private static Dictionary<string, string> NodeBins(string nodeModules, string name)
    {
        var manifest = Path.Combine(nodeModules, name, "package.json");
        var bins = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(manifest)) return bins;
        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        if (!document.RootElement.TryGetProperty("bin", out var bin)) return bins;
        // "bin": "cli.js" names one program after the package (without its scope).
        if (bin.ValueKind == JsonValueKind.String) bins[name[(name.LastIndexOf('/') + 1)..]] = Script(name, bin.GetString()!);
        else if (bin.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in bin.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.String))
                bins[entry.Name] = Script(name, entry.Value.GetString()!);
        }
        return bins;
    }

    private static string Script(string package, string path) => $"{package}/{path.Replace('\\', '/').TrimStart('.', '/')}";

    private static string Available(IReadOnlyList<string> programs) =>
        programs.Count == 0 ? "They provide no program at all." : $"They provide: {string.Join(", ", programs)}.";

    private static string Quote(IEnumerable<string> packages) => string.Join(", ", packages.Select(p => $"'{p}'"));
}
