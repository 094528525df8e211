using ContainerMcp.Engine.Config;

namespace ContainerMcp.Cmdlets;

/// <summary>Writes servers' configurations as ContainerMcp YAML: running servers (by name or object) or imported
/// configurations (so a Claude Desktop file converts to YAML). Secret values are never written.</summary>
[Cmdlet(VerbsData.Export, "McpServerConfig", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(string))]
public sealed class ExportMcpServerConfigCommand : McpCmdlet
{
    private const string ByName = "ByName", ByServer = "ByServer", ByConfiguration = "ByConfiguration";
    private readonly List<McpServerConfig> _configs = [];

    [Parameter(Position = 0, ParameterSetName = ByName), Alias("ServerName"), SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByServer)]
    public McpServer[] InputObject { get; set; } = [];

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByConfiguration)]
    public McpServerConfiguration[] Configuration { get; set; } = [];

    /// <summary>The YAML file to write (overwritten only with -Force); without it the YAML goes to the pipeline as text.</summary>
    [Parameter] public string? Path { get; set; }
    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var configs = ParameterSetName switch
        {
            ByConfiguration => Configuration.Select(c => c.Config),
            // Every start goes through a configuration: a server has the one it was started from.
            _ => (ParameterSetName == ByServer ? InputObject.Select(s => s.Server) : FindServers(Name)).Select(s => s.Definition.Config).OfType<McpServerConfig>(),
        };
        foreach (var config in configs)
        {
            var (safe, redacted) = McpConfigExport.Sanitize(config);
            if (McpConfigExport.RedactionNotice(config.Name, redacted) is { } notice) Output.WriteWarning(notice);
            _configs.Add(safe);
        }
    }

    protected override void EndProcessing()
    {
        if (_configs.Count == 0) return;
        var yaml = McpConfigYamlWriter.Write(_configs);
        if (Path is null) { Output.WriteObject(yaml); return; }

        var file = GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess(file, $"Write the configuration of {_configs.Count} MCP server(s)")) return;
        if (File.Exists(file) && !Force)
            ThrowTerminatingError(McpErrors.Create($"'{file}' exists. Use -Force to overwrite it.", "ConfigFileExists", ErrorCategory.ResourceExists, file));
        File.WriteAllText(file, yaml);
    }
}
