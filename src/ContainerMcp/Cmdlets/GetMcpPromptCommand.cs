namespace ContainerMcp.Cmdlets;

/// <summary>Lists prompt templates. Pipe one to Invoke-McpPrompt.</summary>
[Cmdlet(VerbsCommon.Get, "McpPrompt")]
[OutputType(typeof(McpPrompt))]
public sealed class GetMcpPromptCommand : CatalogCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.PromptNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord() =>
        WriteCatalog(FindServers(ServerName), Name, "ListPromptsFailed",
            (server, ct) => server.ListPromptsAsync(ct), p => [p.Name], p => new McpPrompt(p));
}
