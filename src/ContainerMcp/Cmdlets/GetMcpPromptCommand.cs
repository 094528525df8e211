using System.Management.Automation;
using ContainerMcp.Support;

namespace ContainerMcp.Cmdlets;

[Cmdlet(VerbsCommon.Get, "McpPrompt")]
[OutputType(typeof(McpPrompt))]
public sealed class GetMcpPromptCommand : McpCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.PromptNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[]? ServerName { get; set; }

    protected override void ProcessRecord()
    {
        var patterns = (Name ?? []).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        foreach (var server in FindServers(ServerName))
            RunForItem("ListPromptsFailed", server.Name, async ct =>
            {
                var prompts = (await server.ListPromptsAsync(ct))
                    .Where(p => patterns.Count == 0 || patterns.Any(w => w.IsMatch(p.Name)))
                    .Select(p => new McpPrompt(p)).ToList();
                Post(() => WriteObject(prompts, enumerateCollection: true));
            });
    }
}
