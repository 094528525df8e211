namespace ContainerMcp.Cmdlets;

/// <summary>
/// Lists tools. The server comes by -Server (an McpServer piped in) or -ServerName (by property name, from an
/// McpServer or McpTool); a piped server's Name never binds to the tool name. A plain tool name a server does not
/// offer is an error, as a plain server name is for Get-McpServer.
/// </summary>
[Cmdlet(VerbsCommon.Get, "McpTool")]
[OutputType(typeof(McpTool))]
public sealed class GetMcpToolCommand : CatalogCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ToolNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ValueFromPipeline = true)]
    public McpServer? Server { get; set; }

    protected override void ProcessRecord() =>
        WriteCatalog(Server is not null ? [Server.Server] : FindServers(ServerName), Name, "ListToolsFailed",
            (server, ct) => server.ListToolsAsync(ct: ct), t => [t.Name], t => new McpTool(t),
            missing: (server, name) => server.Tools.NotOffered(server.Name, name));
}
