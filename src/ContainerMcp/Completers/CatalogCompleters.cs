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

/// <summary>
/// Completes a prompt argument's value by asking the server (completion/complete with ref/prompt), passing the other
/// arguments typed so far as context. The prompt functions Import-McpTool -IncludePrompt makes call it from their
/// ArgumentCompleter; a server without the completions capability offers nothing.
/// </summary>
public static class PromptArgumentCompleter
{
    /// <param name="parameterNames">The function's parameter names to the prompt's argument names, for the context.</param>
    public static IEnumerable<CompletionResult> Complete(string serverName, string promptName, string argumentName, string? wordToComplete,
        IDictionary? fakeBoundParameters, IDictionary? parameterNames)
    {
        if (!McpServerRegistry.Shared.TryGet(serverName, out var server)) return [];
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in fakeBoundParameters ?? new Hashtable())
            if (parameterNames?[entry.Key] is string argument && argument != argumentName && entry.Value is not null)
                context[argument] = entry.Value.ToString()!;
        var word = (wordToComplete ?? "").Trim('\'', '"');
        var answer = Completion.Ask([server], async (s, ct) =>
            (IReadOnlyList<string>)(await s.CompletePromptArgumentAsync(promptName, argumentName, word, context, ct)).Values);
        return Completion.Matching(answer.Select(v => (v, v)), word);
    }
}
