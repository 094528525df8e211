using System.Collections;
using System.Management.Automation.Language;

namespace ContainerMcp.Completers;

/// <summary>Completes prompt names from the -ServerName already typed.</summary>
public sealed class PromptNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (fakeBoundParameters["ServerName"] is not string serverName || !McpServerRegistry.Shared.TryGet(serverName, out var server))
            return [];
        var prompts = Completion.Ask([server], (s, ct) => s.ListPromptsAsync(ct));
        return Completion.Matching(prompts.Select(p => (p.Name, p.Description ?? p.Name)), wordToComplete);
    }
}
