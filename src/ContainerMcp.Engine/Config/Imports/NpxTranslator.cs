namespace ContainerMcp.Engine.Config.Imports;

/// <summary>
/// <c>npx [-y] package args…</c> runs the package's own program in an image built with the package, as npx would:
/// <see cref="McpServerConfig.Package"/>, with the arguments after the package. <c>npx -p a -p b program args…</c>
/// becomes a node runtime with those packages that runs <c>program</c>. Arguments naming a path on this machine are
/// mounted read-only (<see cref="HostPathArguments"/>).
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
        if (firstWord >= entry.Args.Count)
            throw entry.Refuse(entry.At.Property("args") ?? entry.At, "npx is given no package to run.");

        // With --package the first plain word is a program the packages provide, not a package itself.
        var packages = options.Select(o => (o.Value, o.At)).ToList();
        var first = entry.Args[firstWord];
        foreach (var (spec, at) in packages.Count > 0 ? packages : [(first.Value, first)])
        {
            if (PackageSpec.IsOnThisMachine(spec))
                throw entry.Refuse(at.At,
                    $"npx runs '{spec}' from this machine, which cannot be moved into a container. " +
                    "Publish it as a package, or describe the server in a ContainerMcp YAML file with an image: or a runtime:.");
        }

        var args = entry.Args.Skip(firstWord + 1).Select(a => a.Value).ToList();
        return new McpServerConfig
        {
            Name = entry.Name,
            Package = packages.Count == 0 ? first.Value : null,
            Runtime = packages.Count == 0 ? null
                : new RuntimeConfig { Kind = RuntimeKind.Node, PreinstallPackages = packages.Select(p => p.Value).ToList(), Bin = first.Value },
            McpServer = new McpProcessConfig { Args = args, Env = entry.Env },
            Volumes = HostPathArguments.Volumes(args),
            Source = entry.At.Source,
        };
    }
}
