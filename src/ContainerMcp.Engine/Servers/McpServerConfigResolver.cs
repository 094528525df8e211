using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Config.Imports;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Images;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// Turns a configuration into a definition the registry can start: references resolved (only now, at start),
/// relative bind sources made absolute against the configuration file, unset values left to the hardened defaults.
/// </summary>
public sealed class McpServerConfigResolver
{
    private readonly Func<string, string?> _environment;
    private readonly ISecretSource? _secrets;

    public McpServerConfigResolver(Func<string, string?>? environment = null, ISecretSource? secrets = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _secrets = secrets;
    }

    public McpServerDefinition Resolve(McpServerConfig config)
    {
        var where = config.Source is { } source ? $"{source}: server '{config.Name}'" : $"Server '{config.Name}'";
        if (!config.McpServer.Transport.Equals("stdio", StringComparison.OrdinalIgnoreCase))
            throw new McpConfigException($"{where}: transport '{config.McpServer.Transport}' is not supported; ContainerMcp talks to servers over stdio.",
                config.Source, "mcp_server.transport");
        // Checked before the daemon is asked, so a malformed name is an argument error, not the engine's 400.
        if (config.Image is { } named) ImageReference.Validate(named);
        // A runtime without an image is built (or reused) by the registry at start: building needs the daemon, resolving does not.
        if (config.Package is { } package && PackageSpec.IsOnThisMachine(package))
            throw new McpConfigException(
                $"{where}: package '{package}' is a path on this machine; package: names an npm package from its registry. " +
                "Publish it, or describe the server with runtime: and a volume that brings its files in.", config.Source, "package");
        var build = ImageRecipe.For(config);
        var image = config.Image ?? (build is not null ? $"(built for {string.Join(", ", build.Packages.DefaultIfEmpty($"the {build.RuntimeName} runtime"))} at start)"
            : throw new McpConfigException(
                $"{where} has no image: name an image to run with image:, an npm package to run with package:, or a runtime to build one from with runtime:.",
                config.Source, "image"));

        if (config.State is { } state && Containers.StateVolumes.Problem(state.Path) is { } problem)
            throw new McpConfigException($"{where}: the state path cannot be used: {problem}.", config.Source, "state.path");
        var defaults = new ContainerLaunchSpec { Image = image };
        var spec = defaults with
        {
            Entrypoint = config.McpServer.Command is { } command ? [Resolve(command, $"{where}, command")] : null,
            Command = config.McpServer.Args.Count > 0
                ? config.McpServer.Args.Select((a, i) => Resolve(a, $"{where}, args[{i}]")).ToList()
                : null,
            Environment = config.McpServer.Env.ToDictionary(e => e.Key, e => Resolve(e.Value, $"{where}, env {e.Key}")),
            Volumes = config.Volumes.Select(v => AbsoluteBind(v, config.Source)).ToList(),
            StatePath = config.State?.Path,
            Network = config.Network ?? defaults.Network,
            InternalNetwork = config.InternalNetwork,
            User = config.User,
            ReadOnlyRootFilesystem = config.ReadOnly ?? defaults.ReadOnlyRootFilesystem,
            MemoryMB = config.ResourceLimits.MemoryMB ?? defaults.MemoryMB,
            Cpus = config.ResourceLimits.CpuCores ?? defaults.Cpus,
            PidsLimit = config.ResourceLimits.Pids ?? defaults.PidsLimit,
        };

        var lifecycle = config.Lifecycle;
        var definition = new McpServerDefinition(config.Name, spec)
        {
            Build = build,
            Engine = string.IsNullOrWhiteSpace(config.Engine) ? null : config.Engine.Trim(),
            Tools = config.McpServer.Tools,
            Config = config,
            Strategy = lifecycle.Strategy,
            Restart = lifecycle.MaxRestarts is { } restarts ? RestartPolicy.Default with { MaxRestarts = restarts } : RestartPolicy.Default,
            HealthCheckInterval = Seconds(lifecycle.HealthCheckIntervalSeconds),
            IdleTimeout = Seconds(lifecycle.IdleTimeoutSeconds),
            MaxExecutions = lifecycle.MaxExecutions,
            RotationInterval = lifecycle.RotationIntervalHours is { } hours ? TimeSpan.FromHours(hours) : null,
        };
        if (config.Egress is { } egress) definition = definition with { Egress = Egress(egress, config, where) };
        if (config.McpServer.TimeoutSeconds is { } start) definition = definition with { InitializeTimeout = TimeSpan.FromSeconds(start) };
        if (config.ResourceLimits.ExecutionTimeoutSeconds is { } call) definition = definition with { CallTimeout = TimeSpan.FromSeconds(call) };
        if (config.ResourceLimits.MaxMessageMB is { } mb) definition = definition with { MaxMessageBytes = mb * 1024L * 1024 };
        return definition;
    }

    /// <summary>The allow-list parsed (again: a configuration built in code was never read from YAML), on a server of no other network.</summary>
    private static Egress.EgressSpec Egress(EgressConfig egress, McpServerConfig config, string where)
    {
        if (config.Network is { } network && !network.Equals("none", StringComparison.OrdinalIgnoreCase))
            throw new McpConfigException($"{where}: egress is set together with network '{network}': with egress the server runs on an internal network " +
                "of its own and reaches out only through its proxy; drop one of them.", config.Source, "egress");
        IReadOnlyList<Egress.EgressRule> rules;
        try { rules = Engine.Egress.EgressAllowList.Parse(egress.Allow, egress.AllowPrivate); }
        catch (ArgumentException ex) { throw new McpConfigException($"{where}: {ex.Message}", config.Source, "egress.allow", ex); }
        if (rules.Count == 0)
            throw new McpConfigException($"{where}: egress allows nothing: list what the server may reach, e.g. allow: [api.example.com:443].", config.Source, "egress.allow");
        if (egress.ProxyImage is { } image) ImageReference.Validate(image);
        return new Egress.EgressSpec
        {
            Rules = rules,
            ProxyImage = egress.ProxyImage ?? Engine.Egress.EgressSpec.DefaultProxyImage,
            Network = egress.Network ?? "bridge",
        };
    }

    private static TimeSpan? Seconds(int? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;

    private string Resolve(string value, string where) => CredentialReferences.Resolve(value, where, _environment, _secrets);

    /// <summary>Docker wants absolute bind sources; <c>./data</c> in a file means next to that file.</summary>
    private static string AbsoluteBind(string volume, ConfigSource? source)
    {
        if (!(volume.StartsWith("./", StringComparison.Ordinal) || volume.StartsWith("../", StringComparison.Ordinal)) ||
            source is null) return volume;
        var separator = volume.IndexOf(':');
        var hostPart = separator < 0 ? volume : volume[..separator];
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(source.Path)) ?? Directory.GetCurrentDirectory();
        return Path.GetFullPath(Path.Combine(baseDirectory, hostPart)) + (separator < 0 ? "" : volume[separator..]);
    }
}
