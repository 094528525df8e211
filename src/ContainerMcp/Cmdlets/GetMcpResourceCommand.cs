using System.Management.Automation;
using ContainerMcp.Support;

namespace ContainerMcp.Cmdlets;

[Cmdlet(VerbsCommon.Get, "McpResource")]
[OutputType(typeof(McpResource))]
public sealed class GetMcpResourceCommand : McpCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[]? ServerName { get; set; }

    protected override void ProcessRecord()
    {
        var patterns = (Name ?? []).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        foreach (var server in FindServers(ServerName))
            RunForItem("ListResourcesFailed", server.Name, async ct =>
            {
                var resources = (await server.ListResourcesAsync(ct))
                    .Where(r => patterns.Count == 0 || patterns.Any(p => p.IsMatch(r.Name) || p.IsMatch(r.Uri)))
                    .Select(r => new McpResource(r)).ToList();
                Post(() => WriteObject(resources, enumerateCollection: true));
            });
    }
}
