using System.Collections;
using System.Management.Automation;
using ContainerMcp.Engine.Config;
using ContainerMcp.Support;

namespace ContainerMcp.Cmdlets;

/// <summary>Starts servers from an image, an npm package, a built image piped in, a configuration file, or Import-McpServerConfig objects.</summary>
[Cmdlet(VerbsLifecycle.Start, "McpServer", SupportsShouldProcess = true, DefaultParameterSetName = FromImage)]
[OutputType(typeof(McpServer))]
public sealed class StartMcpServerCommand : McpCmdlet
{
    private const string FromImage = "Image";
    private const string FromFile = "ConfigPath";
    private const string FromObject = "Configuration";
    private const string FromPackage = "Package";
    private const string FromBuilt = "BuiltImage";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FromImage)]
    [Parameter(Position = 0, ParameterSetName = FromFile)]
    [Parameter(Position = 0, ParameterSetName = FromPackage)]
    [Parameter(Position = 0, ParameterSetName = FromBuilt)]
    [Alias("ServerName")]
    [SupportsWildcards] // with -ConfigPath only: a filter on the file's servers
    public string[] Name { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = FromImage)]
    public string Image { get; set; } = "";

    /// <summary>An npm package to run as npx would: its image is built or reused, and runs the package's program.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FromPackage)]
    public string Package { get; set; } = "";

    /// <summary>An image from Build-McpServerImage or Get-McpServerImage: Build-McpServerImage … | Start-McpServer -Name x.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FromBuilt)]
    public McpServerImage? InputObject { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = FromFile)]
    [Alias("Config", "Path")]
    [SupportsWildcards]
    public string ConfigPath { get; set; } = "";

    // Name and Image above do not bind by property name: PowerShell tries the default (-Image) set first, and
    // would take a piped configuration's Name and Image for a bare start without its arguments or environment.
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FromObject)]
    public McpServerConfiguration? Configuration { get; set; }

    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public string[]? Command { get; set; }
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public string[]? Entrypoint { get; set; }
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public Hashtable? Environment { get; set; }
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public string[]? Volume { get; set; }
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public string? Network { get; set; }

    /// <summary>The -Network named must be internal (no route out); it is created so when missing.</summary>
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public SwitchParameter InternalNetwork { get; set; }
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    [ValidateRange(0, int.MaxValue)]
    public int? MemoryMB { get; set; }
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    [ValidateRange(0.0, 1024.0)]
    public double? Cpus { get; set; }
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    public string? User { get; set; }
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    [SupportsWildcards]
    public string[] IncludeTool { get; set; } = [];
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    [SupportsWildcards]
    public string[] ExcludeTool { get; set; } = [];
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    [ValidateRange(1, 3600)]
    public int? InitializeTimeoutSeconds { get; set; }

    /// <summary>always-on (start now), on-demand (start on the first call, stop when idle) or pre-warmed (start in the background).</summary>
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt), ValidateSet("always-on", "on-demand", "pre-warmed")]
    public string Strategy { get; set; } = "always-on";

    /// <summary>Seconds without a call before an on-demand server's container is stopped.</summary>
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    [ValidateRange(1, int.MaxValue)]
    public int? IdleTimeoutSeconds { get; set; }

    /// <summary>Longest a tool call may run (a call's own -TimeoutSeconds wins).</summary>
    [Parameter(ParameterSetName = FromImage), Parameter(ParameterSetName = FromPackage), Parameter(ParameterSetName = FromBuilt)]
    [ValidateRange(1, int.MaxValue)]
    public int? ExecutionTimeoutSeconds { get; set; }

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
        if (!ShouldProcess($"MCP server '{config.Name}' from image '{config.Image ?? config.Package ?? config.Runtime?.Kind.ToString()}'", "Start")) return;
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
        // Without -Name, a package or a built image names the server after the package: server-memory.
        string? image = ParameterSetName == FromBuilt ? InputObject!.Name : ParameterSetName == FromImage ? Image : null;
        var name = Name.Length == 1 ? Name[0]
            : Name.Length == 0 && ParameterSetName != FromImage ? DefaultName(image)
            : throw new ArgumentException($"Start-McpServer starts one server from an image or a package: give one -Name, not {Name.Length}.");
        if (InternalNetwork && !Engine.Containers.ManagedNetworks.IsNamed(Network ?? "none"))
            throw new ArgumentException($"-InternalNetwork needs -Network naming a network of your own (e.g. -Network pgnet), not '{Network ?? "none"}'.");
        // Docker runs entrypoint then command, so "-Entrypoint a,b -Command c" is command a with arguments b, c.
        var entrypoint = Entrypoint is { Length: > 0 } ? Entrypoint : null;
        return new McpServerConfig
        {
            Name = name,
            Image = image,
            Package = ParameterSetName == FromPackage ? Package : null,
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
            Network = Network,
            InternalNetwork = InternalNetwork,
            User = User,
        };
    }

    private string DefaultName(string? image) => image is null
        ? Engine.Images.PackageNames.ShortName(Package, RuntimeKind.Node)
        : InputObject!.Repository[(InputObject.Repository.LastIndexOf('/') + 1)..];
}
