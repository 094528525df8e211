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
        var contents = RunForItem("ReadResourceFailed", Uri, (_, ct) => server.ReadResourceAsync(Uri, ct)) ?? [];
        Output.WriteObject(contents.Select(c => new McpResourceContent(c)), enumerateCollection: true);
    }
}
