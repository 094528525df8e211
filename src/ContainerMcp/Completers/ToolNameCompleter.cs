using System.Collections;
using System.Management.Automation.Language;

namespace ContainerMcp.Completers;

/// <summary>
/// Completes tool names, from the servers given by the -ServerName already typed (all servers when none),
/// leaving out tools the server's filter excludes. Asks each server at most for 2 s.
/// </summary>
public sealed class ToolNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var patterns = fakeBoundParameters["ServerName"] switch
        {
            string one => [one],
            object[] many => many.Select(m => m?.ToString() ?? "").ToArray(),
            _ => Array.Empty<string>(),
        };
        var servers = McpServerRegistry.Shared.Find(patterns).Where(s => s.State == McpServerState.Running).ToList();
        var tools = Completion.Ask(servers, (server, ct) => server.ListToolsAsync(ct: ct));
        return Completion.Matching(
            tools.DistinctBy(t => t.Name).OrderBy(t => t.Name).Select(t => (t.Name, t.Description ?? t.Name)), wordToComplete);
    }
}
