using System.Collections;
using System.Management.Automation.Language;

namespace ContainerMcp.Completers;

/// <summary>Completes engine names: the docker CLI's default, the Docker contexts, Podman's. Reads files only; asks no engine.</summary>
public sealed class EngineNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var candidates = McpServerRegistry.Shared.Engines.Discovery.Candidates();
        return Completion.Matching(candidates.Select(c => (c.Name, $"{c.Name}: {c.EndpointText} ({c.Source})")), wordToComplete);
    }
}
