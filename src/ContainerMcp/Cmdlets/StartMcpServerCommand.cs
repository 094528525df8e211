using ContainerMcp.Engine.Config;

namespace ContainerMcp.Cmdlets;

/// <summary>Starts servers from an image, an npm package, a built image piped in, a configuration file, or Import-McpServerConfig
/// objects. Every server given is read and confirmed as it comes; the starts then run together, -ThrottleLimit at a
/// time, and the servers are written in input order.</summary>
[Cmdlet(VerbsLifecycle.Start, "McpServer", SupportsShouldProcess = true, DefaultParameterSetName = FromImage)]
[OutputType(typeof(McpServer))]
public sealed class StartMcpServerCommand : ServerParametersCmdlet
{
    [Parameter(Mandatory = true, ParameterSetName = FromFile)]
    [Alias("Config", "Path")]
    [SupportsWildcards]
    public string ConfigPath { get; set; } = "";

    // Name and Image above do not bind by property name: PowerShell tries the default (-Image) set first, and
    // would take a piped configuration's Name and Image for a bare start without its arguments or environment.
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FromObject)]
    public McpServerConfiguration? Configuration { get; set; }

    /// <summary>The engine to run on: a Docker context, an engine Get-McpEngine lists, or an endpoint; wins over engine: in a file.</summary>
    [Parameter, ArgumentCompleter(typeof(Completers.EngineNameCompleter))]
    public string? Engine { get; set; }

    /// <summary>Accepts literal values under secret-looking keys in a configuration file.</summary>
    [Parameter(ParameterSetName = FromFile)] public SwitchParameter AllowPlaintextSecret { get; set; }

    /// <summary>How many servers start at once.</summary>
    [Parameter, ValidateRange(1, 64)] public int ThrottleLimit { get; set; } = 8;

    private readonly List<McpServerDefinition> _starts = [];
    private SecretManagementSource? _secrets;

    protected override void ProcessRecord()
    {
        var configs = ReadConfiguration(ParameterSetName == FromFile ? ConfigPath : Name.FirstOrDefault(), () => ParameterSetName switch
        {
            FromFile => ConfigFiles.Load(this, ConfigPath, Name, AllowPlaintextSecret),
            FromObject => [Configuration!.Config],
            _ => (IReadOnlyList<McpServerConfig>)[ParametersAsConfig()],
        });
        foreach (var config in configs ?? []) Queue(Engine is null ? config : config with { Engine = Engine });
    }

    private void Queue(McpServerConfig config)
    {
        if (!ShouldProcess($"MCP server '{config.Name}' from image '{config.Image ?? config.Package ?? config.Runtime?.Kind.ToString()}'", "Start")) return;
        // References are resolved here, on the pipeline thread, because ${secret:…} asks PowerShell's SecretManagement.
        var resolver = new McpServerConfigResolver(secrets: _secrets ??= new SecretManagementSource(this));
        if (ReadConfiguration(config.Name, () => resolver.Resolve(config)) is not { } definition) return;
        _starts.Add(definition);
    }

    protected override void EndProcessing() =>
        RunConcurrently(_starts, ThrottleLimit, "Starting", "StartFailed", d => d.Name,
            (definition, status, ct) => Registry.StartAsync(definition, status, ct),
            (output, _, server) => output.WriteObject(new McpServer(server)));
}
