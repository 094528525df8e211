using ContainerMcp.Engine.Config;

namespace ContainerMcp.Cmdlets;

/// <summary>Reads server configurations (ContainerMcp YAML, Claude Desktop / VS Code / MCP Hub JSON) without starting them.</summary>
[Cmdlet(VerbsData.Import, "McpServerConfig")]
[OutputType(typeof(McpServerConfiguration))]
public sealed class ImportMcpServerConfigCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "ConfigPath")]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <summary>Only the servers with these names (wildcards allowed).</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    /// <summary>Accepts literal values under secret-looking keys.</summary>
    [Parameter] public SwitchParameter AllowPlaintextSecret { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var path in Path)
        {
            try
            {
                foreach (var config in ConfigFiles.Load(this, path, Name, AllowPlaintextSecret))
                    WriteObject(new McpServerConfiguration(config));
            }
            catch (Exception ex) when (ex is McpConfigException or ArgumentException or ItemNotFoundException)
            {
                WriteError(McpErrors.From(ex, "InvalidConfiguration", path));
            }
        }
    }
}
