using ContainerMcp.Engine.Config;

namespace ContainerMcp.Cmdlets;

/// <summary>Starts servers from an image, an npm package, a built image piped in, a configuration file, or Import-McpServerConfig objects.</summary>
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

    protected override void ProcessRecord()
    {
        var configs = ReadConfiguration(ParameterSetName == FromFile ? ConfigPath : Name.FirstOrDefault(), () => ParameterSetName switch
        {
            FromFile => ConfigFiles.Load(this, ConfigPath, Name, AllowPlaintextSecret),
            FromObject => [Configuration!.Config],
            _ => (IReadOnlyList<McpServerConfig>)[ParametersAsConfig()],
        });
        foreach (var config in configs ?? []) Start(Engine is null ? config : config with { Engine = Engine });
    }

    private void Start(McpServerConfig config)
    {
        if (!ShouldProcess($"MCP server '{config.Name}' from image '{config.Image ?? config.Package ?? config.Runtime?.Kind.ToString()}'", "Start")) return;
        // References are resolved here, on the pipeline thread, because ${secret:…} asks PowerShell's SecretManagement.
        var resolver = new McpServerConfigResolver(secrets: SecretManagementSource.TryCreate(this));
        if (ReadConfiguration(config.Name, () => resolver.Resolve(config)) is not { } definition) return;
        var activity = $"Starting MCP server '{config.Name}'";
        var server = RunForItem("StartFailed", config.Name, (output, ct) =>
            Registry.StartAsync(definition, new Relay<string>(status => output.WriteProgress(1, activity, status)), ct));
        if (server is null) return;
        Output.WriteProgress(1, activity, "Started", 100, completed: true);
        Output.WriteObject(new McpServer(server));
    }
}
