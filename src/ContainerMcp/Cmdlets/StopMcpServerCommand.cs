using System.Management.Automation;
using ContainerMcp.Support;

namespace ContainerMcp.Cmdlets;

[Cmdlet(VerbsLifecycle.Stop, "McpServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    DefaultParameterSetName = "ByName")]
[OutputType(typeof(McpServer))]
public sealed class StopMcpServerCommand : McpCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ByName", ValueFromPipelineByPropertyName = true)]
    [Alias("ServerName")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[] Name { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = "ByObject", ValueFromPipeline = true)]
    public McpServer[] InputObject { get; set; } = [];

    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        IEnumerable<EngineServer> servers = ParameterSetName == "ByObject" ? InputObject.Select(s => s.Server) : FindServers(Name);
        foreach (var server in servers)
        {
            if (!ShouldProcess($"MCP server '{server.Name}' (container {server.ContainerName})", "Stop")) continue;
            RunForItem("StopFailed", server.Name, ct => StopServerAsync(server, ct));
            if (PassThru) WriteObject(new McpServer(server));
        }
    }
}
