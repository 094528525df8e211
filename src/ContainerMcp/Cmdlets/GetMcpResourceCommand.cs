namespace ContainerMcp.Cmdlets;

/// <summary>Lists resources; -Name matches a resource's name or its URI.</summary>
[Cmdlet(VerbsCommon.Get, "McpResource")]
[OutputType(typeof(McpResource))]
public sealed class GetMcpResourceCommand : CatalogCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override void ProcessRecord() =>
        WriteCatalog(FindServers(ServerName), Name, "ListResourcesFailed",
            (server, ct) => server.ListResourcesAsync(ct), r => [r.Name, r.Uri], r => new McpResource(r));
}
