using System.Management.Automation;
using ContainerMcp.Support;

namespace ContainerMcp.Cmdlets;

[Cmdlet(VerbsCommon.Get, "McpServer")]
[OutputType(typeof(McpServer))]
public sealed class GetMcpServerCommand : McpCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ServerName")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var server in FindServers(Name)) WriteObject(new McpServer(server));
    }
}
