namespace ContainerMcp.Engine.Config.Imports;

/// <summary>
/// <c>npx [-y] package args…</c> becomes a Node runtime image with the package preinstalled. The server still
/// starts as <c>npx</c> with the same arguments: the built image has the package in its working project, so npx
/// finds it there instead of fetching it.
/// </summary>
internal static class NpxTranslator
{
    private static readonly HashSet<string> Switches = ["-y", "--yes"];

    private static readonly Dictionary<string, string> ValueOptions = new()
    {
        ["-p"] = "--package",
        ["--package"] = "--package",
    };

    public static McpServerConfig Translate(ClientEntry entry)
    {
        var (options, firstWord) = RunnerOptions.Read(entry, "npx", Switches, ValueOptions);

        // With --package the first plain word is a program the package provides, not a package itself.
        var packages = options.Select(o => (o.Value, o.At)).ToList();
        if (packages.Count == 0)
        {
            if (firstWord >= entry.Args.Count)
                throw entry.Refuse(entry.At.Property("args") ?? entry.At, "npx is given no package to run.");
            packages.Add((entry.Args[firstWord].Value, entry.Args[firstWord]));
        }

        foreach (var (spec, at) in packages)
        {
            if (PackageSpec.IsOnThisMachine(spec))
                throw entry.Refuse(at.At,
                    $"npx runs '{spec}' from this machine, which cannot be moved into a container. " +
                    "Publish it as a package, or describe the server in a ContainerMcp YAML file with an image: or a runtime:.");
        }

        return new McpServerConfig
        {
            Name = entry.Name,
            Runtime = new RuntimeConfig { Kind = RuntimeKind.Node, PreinstallPackages = packages.Select(p => p.Value).ToList() },
            McpServer = new McpProcessConfig { Command = "npx", Args = entry.Args.Select(a => a.Value).ToList(), Env = entry.Env },
            Source = entry.At.Source,
        };
    }
}
