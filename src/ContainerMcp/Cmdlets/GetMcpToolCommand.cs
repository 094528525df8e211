using System.Management.Automation;
using ContainerMcp.Support;

namespace ContainerMcp.Cmdlets;

/// <summary>
/// Lists tools. The server comes by -Server (an McpServer piped in) or -ServerName (by property name, from an
/// McpServer or McpTool); a piped server's Name never binds to the tool name.
/// </summary>
[Cmdlet(VerbsCommon.Get, "McpTool")]
[OutputType(typeof(McpTool))]
public sealed class GetMcpToolCommand : McpCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ToolNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[]? ServerName { get; set; }

    [Parameter(ValueFromPipeline = true)]
    public McpServer? Server { get; set; }

    protected override void ProcessRecord()
    {
        IEnumerable<ManagedServer> servers = Server is not null ? [Server.Server] : FindServers(ServerName);
        var patterns = (Name ?? []).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        foreach (var server in servers)
        {
            RunForItem("ListToolsFailed", server.Name, async ct =>
            {
                var tools = (await server.ListToolsAsync(ct: ct)).Select(t => new McpTool(t)).ToList();
                Post(() => WriteObject(tools.Where(t => patterns.Count == 0 || patterns.Any(p => p.IsMatch(t.Name))), enumerateCollection: true));
                // A plain tool name the server does not offer is an error, as a plain server name is for Get-McpServer.
                foreach (var missing in (Name ?? []).Where(n => !WildcardPattern.ContainsWildcardCharacters(n)
                             && !tools.Any(t => t.Name.Equals(n, StringComparison.OrdinalIgnoreCase))))
                    Post(() => WriteError(McpErrors.ToolNotFound(server, missing)));
            });
        }
    }
}
