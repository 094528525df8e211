using System.Collections;
using System.Management.Automation;
using ContainerMcp.Engine.Config;
using ContainerMcp.Support;

namespace ContainerMcp.Cmdlets;

/// <summary>Starts servers from parameters, from a configuration file, or from Import-McpServerConfig objects.</summary>
[Cmdlet(VerbsLifecycle.Start, "McpServer", SupportsShouldProcess = true, DefaultParameterSetName = FromImage)]
[OutputType(typeof(McpServer))]
public sealed class StartMcpServerCommand : McpCmdlet
{
    private const string FromImage = "Image";
    private const string FromFile = "ConfigPath";
    private const string FromObject = "Configuration";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FromImage)]
    [Parameter(Position = 0, ParameterSetName = FromFile)]
    [Alias("ServerName")]
    [SupportsWildcards] // with -ConfigPath only: a filter on the file's servers
    public string[] Name { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = FromImage)]
    public string Image { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = FromFile)]
    [Alias("Config", "Path")]
    [SupportsWildcards]
    public string ConfigPath { get; set; } = "";

    // Name and Image above do not bind by property name: PowerShell tries the default (-Image) set first, and
    // would take a piped configuration's Name and Image for a bare start without its arguments or environment.
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FromObject)]
    public McpServerConfiguration? Configuration { get; set; }

    [Parameter(ParameterSetName = FromImage)] public string[]? Command { get; set; }
    [Parameter(ParameterSetName = FromImage)] public string[]? Entrypoint { get; set; }
    [Parameter(ParameterSetName = FromImage)] public Hashtable? Environment { get; set; }
    [Parameter(ParameterSetName = FromImage)] public string[]? Volume { get; set; }
    [Parameter(ParameterSetName = FromImage)] public string? Network { get; set; }

    /// <summary>Where the server's own volume is mounted read-write (e.g. /data); kept across restarts and stops.</summary>
    [Parameter(ParameterSetName = FromImage)] public string? StatePath { get; set; }

    /// <summary>The -Network named must be internal (no route out); it is created so when missing.</summary>
    [Parameter(ParameterSetName = FromImage)] public SwitchParameter InternalNetwork { get; set; }
    [Parameter(ParameterSetName = FromImage), ValidateRange(0, int.MaxValue)] public int? MemoryMB { get; set; }
    [Parameter(ParameterSetName = FromImage), ValidateRange(0.0, 1024.0)] public double? Cpus { get; set; }
    [Parameter(ParameterSetName = FromImage)] public string? User { get; set; }
    [Parameter(ParameterSetName = FromImage), SupportsWildcards] public string[] IncludeTool { get; set; } = [];
    [Parameter(ParameterSetName = FromImage), SupportsWildcards] public string[] ExcludeTool { get; set; } = [];
    [Parameter(ParameterSetName = FromImage), ValidateRange(1, 3600)] public int? InitializeTimeoutSeconds { get; set; }

    /// <summary>always-on (start now), on-demand (start on the first call, stop when idle) or pre-warmed (start in the background).</summary>
    [Parameter(ParameterSetName = FromImage), ValidateSet("always-on", "on-demand", "pre-warmed")]
    public string Strategy { get; set; } = "always-on";

    /// <summary>Seconds without a call before an on-demand server's container is stopped.</summary>
    [Parameter(ParameterSetName = FromImage), ValidateRange(1, int.MaxValue)] public int? IdleTimeoutSeconds { get; set; }

    /// <summary>Longest a tool call may run (a call's own -TimeoutSeconds wins).</summary>
    [Parameter(ParameterSetName = FromImage), ValidateRange(1, int.MaxValue)] public int? ExecutionTimeoutSeconds { get; set; }

    /// <summary>Accepts literal values under secret-looking keys in a configuration file.</summary>
    [Parameter(ParameterSetName = FromFile)] public SwitchParameter AllowPlaintextSecret { get; set; }

    protected override void ProcessRecord()
    {
        IEnumerable<McpServerConfig> configs;
        try
        {
            configs = ParameterSetName switch
            {
                FromFile => ConfigFiles.Load(this, ConfigPath, Name, AllowPlaintextSecret),
                FromObject => [Configuration!.Config],
                _ => [ParametersAsConfig()],
            };
        }
        catch (Exception ex) when (ex is McpConfigException or ArgumentException or ItemNotFoundException)
        {
            WriteError(McpErrors.From(ex, "InvalidConfiguration", ParameterSetName == FromFile ? ConfigPath : Name.FirstOrDefault()));
            return;
        }
        foreach (var config in configs) Start(config);
    }

    private void Start(McpServerConfig config)
    {
        if (!ShouldProcess($"MCP server '{config.Name}' from image '{config.Image ?? config.Runtime?.Kind.ToString()}'", "Start")) return;
        Engine.Servers.McpServerDefinition definition;
        try
        {
            // References are resolved here, on the pipeline thread, because ${secret:…} asks PowerShell's SecretManagement.
            definition = new McpServerConfigResolver(secrets: SecretManagementSource.TryCreate(this)).Resolve(config);
        }
        catch (Exception ex) when (ex is McpConfigException or ArgumentException)
        {
            WriteError(McpErrors.From(ex, "InvalidConfiguration", config.Name));
            return;
        }

        var activity = $"Starting MCP server '{config.Name}'";
        var progress = new Relay<string>(status => Post(() => WriteProgressMessage(1, activity, status)));
        RunForItem("StartFailed", config.Name, async ct =>
        {
            var server = await Registry.StartAsync(definition, progress, ct);
            Post(() => WriteProgressMessage(1, activity, "Started", 100, completed: true));
            Post(() => WriteObject(new McpServer(server)));
        });
    }

    /// <summary>The parameters as a configuration, so every way of starting goes through one resolver.</summary>
    private McpServerConfig ParametersAsConfig()
    {
        if (Name.Length != 1) throw new ArgumentException($"Start-McpServer -Image starts one server: give one -Name, not {Name.Length}.");
        if (InternalNetwork && !Engine.Containers.ManagedNetworks.IsNamed(Network ?? "none"))
            throw new ArgumentException($"-InternalNetwork needs -Network naming a network of your own (e.g. -Network pgnet), not '{Network ?? "none"}'.");
        // Docker runs entrypoint then command, so "-Entrypoint a,b -Command c" is command a with arguments b, c.
        var entrypoint = Entrypoint is { Length: > 0 } ? Entrypoint : null;
        return new McpServerConfig
        {
            Name = Name[0],
            Image = Image,
            McpServer = new McpProcessConfig
            {
                Command = entrypoint?[0],
                Args = [.. entrypoint?.Skip(1) ?? [], .. Command ?? []],
                Env = Environment?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => e.Value?.ToString() ?? "")
                      ?? new Dictionary<string, string>(),
                TimeoutSeconds = InitializeTimeoutSeconds,
                Tools = new ToolSelection { Include = IncludeTool, Exclude = ExcludeTool },
            },
            ResourceLimits = new ResourceLimitsConfig { MemoryMB = MemoryMB, CpuCores = Cpus, ExecutionTimeoutSeconds = ExecutionTimeoutSeconds },
            Lifecycle = new LifecycleConfig
            {
                // ValidateSet lets any casing through ("On-Demand").
                Strategy = LifecycleStrategyNames.ByName.Single(n => n.Key.Equals(Strategy, StringComparison.OrdinalIgnoreCase)).Value,
                IdleTimeoutSeconds = IdleTimeoutSeconds,
            },
            Volumes = Volume ?? [],
            State = StatePath is { } statePath ? new StateConfig { Path = statePath } : null,
            Network = Network,
            InternalNetwork = InternalNetwork,
            User = User,
        };
    }
}
