using System.Management.Automation;
using ContainerMcp.Engine.Config;
using ContainerMcp.Support;

namespace ContainerMcp.Cmdlets;

/// <summary>
/// Writes servers' configurations as ContainerMcp YAML: running servers (by name or object) or imported
/// configurations (so a Claude Desktop file converts to YAML). Secret values are never written.
/// </summary>
[Cmdlet(VerbsData.Export, "McpServerConfig", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(string))]
public sealed class ExportMcpServerConfigCommand : McpCmdlet
{
    private const string ByName = "ByName";
    private const string ByServer = "ByServer";
    private const string ByConfiguration = "ByConfiguration";

    private readonly List<McpServerConfig> _configs = [];

    [Parameter(Position = 0, ParameterSetName = ByName)]
    [Alias("ServerName")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByServer)]
    public McpServer[] InputObject { get; set; } = [];

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByConfiguration)]
    public McpServerConfiguration[] Configuration { get; set; } = [];

    /// <summary>The YAML file to write; without it the YAML is written to the pipeline as text.</summary>
    [Parameter] public string? Path { get; set; }

    /// <summary>Overwrites an existing file.</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var configs = ParameterSetName switch
        {
            ByServer => InputObject.Select(s => ConfigOf(s.Server)),
            ByConfiguration => Configuration.Select(c => c.Config),
            _ => FindServers(Name).Select(ConfigOf),
        };
        foreach (var config in configs)
        {
            var (safe, redacted) = McpConfigExport.Sanitize(config);
            if (redacted.Count > 0)
                WriteWarning($"Server '{config.Name}': {string.Join(", ", redacted)} held secret values; the export writes " +
                             "${env:…} references or masks in their place. Set those variables where the file is used.");
            _configs.Add(safe);
        }
    }

    protected override void EndProcessing()
    {
        if (_configs.Count == 0) return;
        var yaml = McpConfigYamlWriter.Write(_configs);
        if (Path is null) { WriteObject(yaml); return; }

        var file = GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess(file, $"Write the configuration of {_configs.Count} MCP server(s)")) return;
        if (File.Exists(file) && !Force)
        {
            ThrowTerminatingError(McpErrors.Create($"'{file}' exists. Use -Force to overwrite it.",
                "ConfigFileExists", ErrorCategory.ResourceExists, file));
        }
        File.WriteAllText(file, yaml);
    }

    /// <summary>The configuration a running server was started from (every start goes through one).</summary>
    private static McpServerConfig ConfigOf(ManagedServer server) =>
        server.Definition.Config ?? throw new InvalidOperationException($"MCP server '{server.Name}' has no configuration to export.");
}
