namespace ContainerMcp.Engine.Config;

/// <summary>
/// A server as a configuration file describes it, before anything is resolved: values may still hold
/// <c>${env:NAME}</c> and <c>${secret:Name}</c> references, so this record is safe to show and to export.
/// Null members mean "not set": the engine's hardened defaults apply.
/// </summary>
public sealed record McpServerConfig
{
    public required string Name { get; init; }

    /// <summary>The image to run. Either this, <see cref="Runtime"/> or <see cref="Package"/> is set.</summary>
    public string? Image { get; init; }

    /// <summary>An image to build for a runtime (python, node) or from a Dockerfile, when no image is named.</summary>
    public RuntimeConfig? Runtime { get; init; }

    /// <summary>
    /// An npm package to run as npx would (<c>@modelcontextprotocol/server-memory@2026.8.31</c>): its image is built or
    /// reused, and runs the package's own program. Set instead of <see cref="Image"/> and <see cref="Runtime"/>.
    /// </summary>
    public string? Package { get; init; }

    public McpProcessConfig McpServer { get; init; } = new();
    public ResourceLimitsConfig ResourceLimits { get; init; } = new();
    public LifecycleConfig Lifecycle { get; init; } = new();

    /// <summary>Docker bind or volume strings, <c>source:target[:ro|rw]</c>; read-only unless <c>:rw</c> is written.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    /// <summary>A volume of the server's own, mounted read-write, kept across restarts and stops; null has none.</summary>
    public StateConfig? State { get; init; }

    /// <summary><c>none</c> unless set: <c>host</c>, <c>bridge</c> or a network name.</summary>
    public string? Network { get; init; }

    /// <summary>The named <see cref="Network"/> must be internal: no route out, made so when created on demand.</summary>
    public bool InternalNetwork { get; init; }

    /// <summary>Egress by allow-list through a proxy; null when the server's network is as <see cref="Network"/> says.</summary>
    public EgressConfig? Egress { get; init; }

    public string? User { get; init; }

    /// <summary>Read-only root filesystem; true unless set to false.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>
    /// The engine the server runs on: a Docker context, a discovered engine's name (<c>default</c>, <c>podman</c>…) or an
    /// endpoint (<c>unix://</c>, <c>tcp://</c>, <c>npipe://</c>); null runs it on the session's default engine.
    /// </summary>
    public string? Engine { get; init; }

    /// <summary>Lets literal values stand under secret-looking keys (PASSWORD, TOKEN, …) for this server.</summary>
    public bool AllowPlaintextSecrets { get; init; }

    /// <summary>Where this server was described (file and line), for error messages.</summary>
    public ConfigSource? Source { get; init; }
}

/// <summary>The <c>state</c> block: where the server's state volume is mounted (the volume is named after the server).</summary>
public sealed record StateConfig
{
    /// <summary>An absolute path in the container, e.g. <c>/data</c>.</summary>
    public required string Path { get; init; }
}

/// <summary>The <c>mcp_server</c> block: how the server process is run and which of its tools are offered.</summary>
public sealed record McpProcessConfig
{
    /// <summary>Only <c>stdio</c> is supported: the server talks over the container's attached stdin and stdout.</summary>
    public string Transport { get; init; } = "stdio";

    /// <summary>Replaces the image's entrypoint; null keeps it.</summary>
    public string? Command { get; init; }

    /// <summary>The server's arguments (the container's command); empty keeps the image's own.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment; values may hold <c>${env:NAME}</c> or <c>${secret:Name}</c> references.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>How long the MCP handshake may take after the container starts.</summary>
    public int? TimeoutSeconds { get; init; }

    public ToolSelection Tools { get; init; } = ToolSelection.All;
}

/// <summary>Which tools are offered, by wildcard (<c>*</c>, <c>?</c>, <c>[a-c]</c>, case-insensitive).</summary>
public sealed record ToolSelection
{
    public static ToolSelection All { get; } = new();

    /// <summary>Only tools matching one of these are offered; empty offers all.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Tools matching one of these are never offered, even when included.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    public bool IsAll => Include.Count == 0 && Exclude.Count == 0;
}

public enum RuntimeKind { Python, Node, Custom }

/// <summary>How to build the image when none is named.</summary>
public sealed record RuntimeConfig
{
    public required RuntimeKind Kind { get; init; }

    /// <summary>The runtime's version (python "3.12", node "20"); null takes what is available.</summary>
    public string? Version { get; init; }

    /// <summary>Packages installed into the image (pip or npm specs).</summary>
    public IReadOnlyList<string> PreinstallPackages { get; init; } = [];

    /// <summary>For <see cref="RuntimeKind.Custom"/>: the Dockerfile, relative to the configuration file.</summary>
    public string? Dockerfile { get; init; }

    /// <summary>The package program to run (npm bin, python console script); null picks the first package's, as npx or uvx would.</summary>
    public string? Bin { get; init; }

    /// <summary>
    /// A local image to build on (python or node); null makes a base from the runtime installed on this machine.
    /// Nothing is pulled: with no registry, this is how a runtime version the host lacks gets in.
    /// </summary>
    public string? BaseImage { get; init; }
}

public sealed record ResourceLimitsConfig
{
    public double? CpuCores { get; init; }
    public int? MemoryMB { get; init; }
    public int? Pids { get; init; }

    /// <summary>The longest a single tool call may take.</summary>
    public int? ExecutionTimeoutSeconds { get; init; }

    /// <summary>The largest one message from the server may be, in MiB (16 unless set; at most <see cref="MaxMessageMBCeiling"/>).</summary>
    public int? MaxMessageMB { get; init; }

    /// <summary>The highest <see cref="MaxMessageMB"/> accepted: a message is held whole in memory, twice over, while the SDK reads it.</summary>
    public const int MaxMessageMBCeiling = 1024;
}

public enum LifecycleStrategy { AlwaysOn, OnDemand, PreWarmed }

public sealed record LifecycleConfig
{
    public LifecycleStrategy Strategy { get; init; } = LifecycleStrategy.AlwaysOn;
    public double? RotationIntervalHours { get; init; }
    public int? MaxExecutions { get; init; }
    public int? HealthCheckIntervalSeconds { get; init; }
    public int? IdleTimeoutSeconds { get; init; }

    /// <summary>Restarts in a row before a crashing server is left Failed; 0 never restarts. Null takes the default (5).</summary>
    public int? MaxRestarts { get; init; }
}

/// <summary>A place in a configuration file. Line is 1-based; 0 when unknown.</summary>
public sealed record ConfigSource(string Path, int Line)
{
    public override string ToString() => Line > 0 ? $"{Path}:{Line}" : Path;
}
