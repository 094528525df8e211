using YamlDotNet.RepresentationModel;

namespace ContainerMcp.Engine.Config;

/// <summary>
/// Reads the servers of a configuration file: a <c>servers:</c> list, or one server mapping at the top level.
/// Values are kept as written: <c>${...}</c> references are not resolved and secrets are not checked here.
/// Every mistake is an <see cref="McpConfigException"/> whose message starts with <c>file:line:</c> and names the key.
/// </summary>
/// <remarks>A file holds one YAML document; a second one is an error rather than more servers.</remarks>
public static class McpConfigYamlReader
{
    private static readonly string[] ServerKeys =
        ["name", "image", "package", "runtime", "mcp_server", "resource_limits", "lifecycle", "volumes", "state", "network", "egress", "user", "read_only", "allow_plaintext_secrets", "engine"];

    private static readonly string[] ListFileKeys = ["servers"];

    // 'servers' is known here too, so a misspelt 'server:' at the top level is pointed at it.
    private static readonly string[] SingleServerFileKeys = [.. ServerKeys, "servers"];

    private static readonly string[] ProcessKeys = ["transport", "command", "args", "env", "timeout_seconds", "tools"];
    private static readonly string[] ToolKeys = ["all", "include", "exclude"];
    private static readonly string[] RuntimeKeys = ["type", "version", "preinstall_packages", "dockerfile", "base_image", "bin"];
    private static readonly string[] NetworkKeys = ["name", "internal"];
    private static readonly string[] StateKeys = ["path"];
    private static readonly string[] LimitKeys = ["cpu_cores", "memory_mb", "pids", "execution_timeout_seconds", "max_message_mb"];
    private static readonly string[] LifecycleKeys =
        ["strategy", "rotation_interval_hours", "max_executions", "health_check_interval_seconds", "idle_timeout_seconds", "max_restarts"];

    private static readonly Dictionary<string, RuntimeKind> RuntimeKinds = new()
    {
        ["python"] = RuntimeKind.Python,
        ["node"] = RuntimeKind.Node,
        ["custom"] = RuntimeKind.Custom,
    };

    /// <param name="yaml">The file's text.</param>
    /// <param name="path">The file's name, used only in messages and <see cref="McpServerConfig.Source"/>.</param>
    public static IReadOnlyList<McpServerConfig> Read(string yaml, string path)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(path);

        var root = YamlDocumentLoader.LoadRoot(yaml, path)
            ?? throw YamlMappingReader.Fail(path, 1, null, "no servers: the file is empty. List them under 'servers:'");
        if (root is not YamlMappingNode mapping)
        {
            throw YamlMappingReader.Fail(path, root.Start.Line, null,
                $"the top level must be a mapping ('servers:' with a list of servers, or one server with 'name:'), not {YamlMappingReader.Describe(root)}");
        }

        return mapping.Children.Keys.Any(key => key is YamlScalarNode { Value: "servers" })
            ? ReadServerList(new YamlMappingReader(mapping, path, "", ListFileKeys))
            : [ReadServer(new YamlMappingReader(mapping, path, "", SingleServerFileKeys))];
    }

    private static List<McpServerConfig> ReadServerList(YamlMappingReader file)
    {
        var list = file.Node("servers") switch
        {
            null => [],
            YamlSequenceNode sequence => sequence.Children,
            var other => throw file.Fail("servers", $"must be a list of servers, not {YamlMappingReader.Describe(other)}"),
        };
        if (list.Count == 0)
            throw file.Fail("servers", "lists no servers: add at least one, with name: and image: (or runtime:)");

        var servers = new List<McpServerConfig>();
        for (var i = 0; i < list.Count; i++)
        {
            var keyPath = $"servers[{i}]";
            if (list[i] is not YamlMappingNode mapping)
                throw YamlMappingReader.Fail(file.File, list[i].Start.Line, keyPath, $"{keyPath} must be a mapping (a server with name:), not {YamlMappingReader.Describe(list[i])}");

            var reader = new YamlMappingReader(mapping, file.File, keyPath, ServerKeys);
            var server = ReadServer(reader);
            // Servers are addressed by name, ignoring case, so two that differ only in case would collide.
            var first = servers.FirstOrDefault(s => s.Name.Equals(server.Name, StringComparison.OrdinalIgnoreCase));
            if (first is not null)
                throw reader.Fail("name", $"'{server.Name}' is already the name of the server at line {first.Source?.Line}: server names must be unique, ignoring case");
            servers.Add(server);
        }
        return servers;
    }

    private static McpServerConfig ReadServer(YamlMappingReader server)
    {
        var name = server.String("name") ?? throw server.Fail("name", "is missing: every server needs a name");
        var image = Image(server, "image");
        var package = server.String("package");
        var runtime = ReadRuntime(server);
        if (image is not null && runtime is not null)
            throw server.Fail("runtime", "is set together with image: either run the named image or build one from a runtime, not both");
        if (package is not null && (image ?? (object?)runtime) is not null)
            throw server.Fail("package", $"is set together with {(image is null ? "runtime" : "image")}: a package is run as npx would, in an image built for it; give one of image, package or runtime");
        if (image is null && runtime is null && package is null)
            throw server.Fail("image", "is missing: name an image to run, an npm package to run (package:), or a runtime to build one from");

        var (network, internalNetwork) = ReadNetwork(server);
        if (network is not null && !network.Equals("none", StringComparison.OrdinalIgnoreCase) && server.Node("egress") is not null)
            throw server.Fail("egress", $"is set together with network '{network}': with egress the server runs on an internal network of its own, and reaches out only through its proxy; drop one of them");
        return new McpServerConfig
        {
            Name = name,
            Image = image,
            Package = package,
            Runtime = runtime,
            McpServer = ReadProcess(server.Mapping("mcp_server", ProcessKeys)),
            ResourceLimits = ReadLimits(server.Mapping("resource_limits", LimitKeys)),
            Lifecycle = ReadLifecycle(server.Mapping("lifecycle", LifecycleKeys)),
            Volumes = server.List("volumes") ?? [],
            State = ReadState(server),
            Network = network,
            InternalNetwork = internalNetwork,
            Egress = EgressYamlReader.Read(server),
            User = server.String("user"),
            ReadOnly = server.Boolean("read_only"),
            AllowPlaintextSecrets = server.Boolean("allow_plaintext_secrets") ?? false,
            Engine = server.String("engine"),
            Source = new ConfigSource(server.File, server.Line),
        };
    }

    /// <summary><c>network: pgnet</c>, or <c>network: { name: pgnet, internal: true }</c> for a network with no route out.</summary>
    private static (string? Name, bool Internal) ReadNetwork(YamlMappingReader server)
    {
        if (server.Node("network") is not YamlMappingNode)
            return (server.String("network"), false);
        var network = server.Mapping("network", NetworkKeys)!;
        var name = network.String("name") ?? throw network.Fail("name", "is missing: name the network, e.g. network: { name: pgnet, internal: true }");
        var isInternal = network.Boolean("internal") ?? false;
        if (isInternal && name.ToLowerInvariant() is "none" or "host" or "bridge" or "default")
            throw network.Fail("name", $"is '{name}', which cannot be internal: name a network of your own (it is created on demand)");
        return (name, isInternal);
    }

    /// <summary><c>state: { path: /data }</c>: a volume of the server's own, mounted read-write there.</summary>
    private static StateConfig? ReadState(YamlMappingReader server)
    {
        if (server.Node("state") is { } node and not YamlMappingNode)
            throw server.Fail("state", $"must be a mapping with path, e.g. state: {{ path: /data }}, not {YamlMappingReader.Describe(node)}");
        if (server.Mapping("state", StateKeys) is not { } state) return null;
        var path = state.String("path") ?? throw state.Fail("path", "is missing: say where the volume is mounted, e.g. state: { path: /data }");
        if (Containers.StateVolumes.Problem(path) is { } problem) throw state.Fail("path", problem);
        return new StateConfig { Path = path };
    }

    private static RuntimeConfig? ReadRuntime(YamlMappingReader server)
    {
        switch (server.Node("runtime"))
        {
            case null:
                return null;
            case YamlScalarNode shorthand:
                var kind = server.Choice("runtime", RuntimeKinds)!.Value;
                if (kind == RuntimeKind.Custom)
                    throw server.Fail("runtime.dockerfile", "is missing: a custom runtime is built from a Dockerfile; write runtime: { type: custom, dockerfile: ./Dockerfile }", at: shorthand);
                return new RuntimeConfig { Kind = kind };
            default:
                var runtime = server.Mapping("runtime", RuntimeKeys)!;
                var type = runtime.Choice("type", RuntimeKinds)
                    ?? throw runtime.Fail("type", $"is missing: one of {string.Join(", ", RuntimeKinds.Keys)}");
                var dockerfile = runtime.String("dockerfile");
                if (type == RuntimeKind.Custom && dockerfile is null)
                    throw runtime.Fail("dockerfile", "is missing: a custom runtime is built from a Dockerfile");
                if (type != RuntimeKind.Custom && dockerfile is not null)
                    throw runtime.Fail("dockerfile", $"is only for type: custom, and this runtime is {type.ToString().ToLowerInvariant()}");
                var baseImage = Image(runtime, "base_image");
                if (type == RuntimeKind.Custom && baseImage is not null)
                    throw runtime.Fail("base_image", "is only for type: python or node; a custom runtime's Dockerfile names its own base with FROM");
                return new RuntimeConfig
                {
                    Kind = type,
                    Version = runtime.String("version"),
                    PreinstallPackages = runtime.List("preinstall_packages") ?? [],
                    Dockerfile = dockerfile,
                    BaseImage = baseImage,
                    Bin = type == RuntimeKind.Custom && runtime.String("bin") is not null
                        ? throw runtime.Fail("bin", "is only for type: python or node; a custom runtime's Dockerfile names its own ENTRYPOINT")
                        : runtime.String("bin"),
                };
        }
    }

    /// <summary>An image reference, checked against Docker's grammar here so that the error names the file, line and key.</summary>
    private static string? Image(YamlMappingReader reader, string key)
    {
        if (reader.String(key) is not { } image) return null;
        if (Docker.ImageReference.TryParse(image, out _, out var problem)) return image;
        var package = Docker.ImageReference.LooksLikePackage(image)
            ? $"; it looks like an npm package: run it with package: '{image}' instead of image:"
            : "";
        throw reader.Fail(key, $"'{image}' is not a valid image reference: {problem}. A reference reads {Docker.ImageReference.Form}{package}");
    }

    private static McpProcessConfig ReadProcess(YamlMappingReader? process)
    {
        if (process is null)
            return new McpProcessConfig();

        var transport = process.String("transport") ?? "stdio";
        if (!transport.Equals("stdio", StringComparison.OrdinalIgnoreCase))
            throw process.Fail("transport", $"must be stdio, not '{transport}': only stdio is supported, over the container's attached stdin and stdout");

        return new McpProcessConfig
        {
            Command = process.String("command"),
            Args = process.List("args") ?? [],
            Env = process.TextMapping("env") ?? new Dictionary<string, string>(),
            TimeoutSeconds = process.PositiveWholeNumber("timeout_seconds"),
            Tools = ReadTools(process),
        };
    }

    private static ToolSelection ReadTools(YamlMappingReader process)
    {
        switch (process.Node("tools"))
        {
            case null:
            case YamlScalarNode { Value: var text } when "all".Equals(text, StringComparison.OrdinalIgnoreCase):
                return ToolSelection.All;
            case YamlMappingNode:
                var tools = process.Mapping("tools", ToolKeys)!;
                var all = tools.Boolean("all");
                var include = tools.List("include", allowSingleValue: true) ?? [];
                var exclude = tools.List("exclude", allowSingleValue: true) ?? [];
                if (all == true && include.Count > 0)
                    throw tools.Fail("include", "cannot be combined with all: true: offer all tools, or only the included ones");
                if (all == false && include.Count == 0)
                    throw tools.Fail("all", "is false, but nothing is included: list the tools to offer under include");
                return include.Count == 0 && exclude.Count == 0 ? ToolSelection.All : new ToolSelection { Include = include, Exclude = exclude };
            case var other:
                throw process.Fail("tools", $"must be 'all' or a mapping with include and exclude, not {YamlMappingReader.Describe(other)}");
        }
    }

    private static ResourceLimitsConfig ReadLimits(YamlMappingReader? limits) => limits is null ? new() : new()
    {
        CpuCores = limits.PositiveNumber("cpu_cores"),
        MemoryMB = limits.PositiveWholeNumber("memory_mb"),
        Pids = limits.PositiveWholeNumber("pids"),
        ExecutionTimeoutSeconds = limits.PositiveWholeNumber("execution_timeout_seconds"),
        MaxMessageMB = MessageLimit(limits),
    };

    private static int? MessageLimit(YamlMappingReader limits) => limits.PositiveWholeNumber("max_message_mb") switch
    {
        > ResourceLimitsConfig.MaxMessageMBCeiling and var mb =>
            throw limits.Fail("max_message_mb", $"must be at most {ResourceLimitsConfig.MaxMessageMBCeiling} (MiB), not {mb}"),
        var mb => mb,
    };

    private static LifecycleConfig ReadLifecycle(YamlMappingReader? lifecycle) => lifecycle is null ? new() : new()
    {
        Strategy = lifecycle.Choice("strategy", LifecycleStrategyNames.ByName) ?? LifecycleStrategy.AlwaysOn,
        RotationIntervalHours = lifecycle.PositiveNumber("rotation_interval_hours"),
        MaxExecutions = lifecycle.PositiveWholeNumber("max_executions"),
        HealthCheckIntervalSeconds = lifecycle.PositiveWholeNumber("health_check_interval_seconds"),
        IdleTimeoutSeconds = lifecycle.PositiveWholeNumber("idle_timeout_seconds"),
        MaxRestarts = lifecycle.WholeNumber("max_restarts", minimum: 0),
    };
}
