using System.Text.RegularExpressions;

namespace ContainerMcp.Engine.Config.Imports;

/// <summary>
/// <c>uvx [--from package] program args…</c> becomes a Python runtime image with the package preinstalled that runs
/// <c>program</c>, the package's console script, with the arguments after it, as uvx would. A package archive on this
/// machine (<c>--from /wheels/x-1.0-py3-none-any.whl</c>) is installed from there. Arguments naming a path on this
/// machine are mounted read-only (<see cref="HostPathArguments"/>).
/// </summary>
internal static partial class UvxTranslator
{
    private static readonly HashSet<string> Switches = [];

    private static readonly Dictionary<string, string> ValueOptions = new()
    {
        ["--from"] = "--from",
        ["--with"] = "--with",
        ["--python"] = "--python",
        ["-p"] = "--python",
    };

    public static McpServerConfig Translate(ClientEntry entry)
    {
        var (options, firstWord) = RunnerOptions.Read(entry, "uvx", Switches, ValueOptions);
        if (firstWord >= entry.Args.Count)
            throw entry.Refuse(entry.At.Property("args") ?? entry.At, "uvx is given no program to run.");

        // The program comes from its own package unless --from names another.
        var main = options.LastOrDefault(o => o.Name == "--from") is { } from
            ? (from.Value, from.At)
            : (entry.Args[firstWord].Value, entry.Args[firstWord]);
        var packages = options.Where(o => o.Name == "--with").Select(o => (o.Value, o.At)).Prepend(main).ToList();

        foreach (var (spec, at) in packages)
        {
            if (PackageSpec.IsOnThisMachine(spec) && !PackageSpec.IsLocalArchive(spec))
                throw entry.Refuse(at.At,
                    $"uvx runs '{spec}' from this machine, which cannot be moved into a container. " +
                    "Build it into a wheel (--from /path/to/x.whl is installed from this machine), publish it as a package, " +
                    "or describe the server in a ContainerMcp YAML file with an image: or a runtime:.");
        }

        var args = entry.Args.Skip(firstWord + 1).Select(a => a.Value).ToList();
        return new McpServerConfig
        {
            Name = entry.Name,
            Runtime = new RuntimeConfig
            {
                Kind = RuntimeKind.Python,
                Version = PythonVersion(entry, options),
                PreinstallPackages = packages.Select(p => ToPipRequirement(p.Value)).ToList(),
                Bin = entry.Args[firstWord].Value,
            },
            McpServer = new McpProcessConfig { Args = args, Env = entry.Env },
            Volumes = HostPathArguments.Volumes(args),
            Source = entry.At.Source,
        };
    }

    /// <summary><c>--python 3.12</c> picks the runtime's version; an interpreter path on this machine means nothing in the image.</summary>
    private static string? PythonVersion(ClientEntry entry, IReadOnlyList<RunnerOption> options)
    {
        if (options.LastOrDefault(o => o.Name == "--python") is not { } python)
            return null;
        return Version().IsMatch(python.Value)
            ? python.Value
            : throw entry.Refuse(python.At.At, $"uvx --python '{python.Value}' cannot be translated; only a version such as 3.12 can.");
    }

    /// <summary>uvx reads <c>name@1.2</c> as a pinned version, pip as a URL; the image is built with pip's spelling.</summary>
    private static string ToPipRequirement(string spec)
    {
        var match = PinnedWithAt().Match(spec);
        if (!match.Success) return spec;
        var version = match.Groups["version"].Value;
        return version == "latest" ? match.Groups["name"].Value : $"{match.Groups["name"].Value}=={version}";
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?)@(?<version>[A-Za-z0-9.+!_-]+)$")]
    private static partial Regex PinnedWithAt();

    [GeneratedRegex(@"^\d+(\.\d+){0,2}$")]
    private static partial Regex Version();
}
