using System.Management.Automation;
using ContainerMcp.Support;

namespace ContainerMcp.Cmdlets;

[Cmdlet(VerbsCommunications.Read, "McpResource")]
[OutputType(typeof(McpResourceContent))]
public sealed class ReadMcpResourceCommand : McpCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string Uri { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string ServerName { get; set; } = "";

    protected override void ProcessRecord()
    {
        if (GetServer(ServerName) is not { } server) return;
        RunForItem("ReadResourceFailed", Uri, async ct =>
        {
            var contents = (await server.ReadResourceAsync(Uri, ct)).Select(c => new McpResourceContent(c)).ToList();
            Post(() => WriteObject(contents, enumerateCollection: true));
        });
    }
}
