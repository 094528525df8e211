using System.Collections;
using System.Management.Automation.Language;

namespace ContainerMcp.Completers;

/// <summary>Completes the names of the servers running in this session.</summary>
public sealed class ServerNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completion.Matching(McpServerRegistry.Shared.Find().Select(s => (s.Name, $"{s.Name} ({s.Image}, {s.State})")), wordToComplete);
}

internal static class Completion
{
    private static readonly TimeSpan AskLimit = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Asks servers for candidates, all at once and at most 2 s in all, answering synchronously as completers
    /// must. A server that fails or is slow offers nothing rather than breaking Tab for the others.
    /// </summary>
    public static IReadOnlyList<T> Ask<T>(
        IEnumerable<ManagedServer> servers, Func<ManagedServer, CancellationToken, Task<IReadOnlyList<T>>> ask) =>
        Task.Run(async () =>
        {
            using var limit = new CancellationTokenSource(AskLimit);
            var answers = await Task.WhenAll(servers.Select(async server =>
            {
                try { return await ask(server, limit.Token); }
                catch (Exception) { return []; }
            }));
            return (IReadOnlyList<T>)answers.SelectMany(a => a).ToList();
        }).GetAwaiter().GetResult();

    /// <summary>The local names of the engine the command line names with -Engine; the default engine's otherwise.</summary>
    public static LocalNames LocalNamesOf(IDictionary fakeBoundParameters)
    {
        var registry = McpServerRegistry.Shared;
        return fakeBoundParameters["Engine"] is string { Length: > 0 } engine ? registry.LocalOn(registry.Engines.Resolve(engine)) : registry.Local;
    }

    /// <summary>Asks the daemon for candidates, at most 2 s, synchronously; a daemon that fails or is slow offers nothing.</summary>
    public static IReadOnlyList<T> AskDaemon<T>(Func<CancellationToken, Task<IReadOnlyList<T>>> ask) =>
        Task.Run(async () =>
        {
            using var limit = new CancellationTokenSource(AskLimit);
            try { return await ask(limit.Token).WaitAsync(limit.Token); }
            catch (Exception) { return (IReadOnlyList<T>)[]; }
        }).GetAwaiter().GetResult();

    /// <summary>Candidates that start with the word typed (quotes stripped), quoted when they need it.</summary>
    public static IEnumerable<CompletionResult> Matching(IEnumerable<(string Value, string Tooltip)> candidates, string? word)
    {
        var prefix = (word ?? "").Trim('\'', '"');
        foreach (var (value, tooltip) in candidates)
        {
            if (!value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var text = value.IndexOfAny([' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',', '@', '#']) >= 0
                ? "'" + value.Replace("'", "''") + "'" : value;
            yield return new CompletionResult(text, value, CompletionResultType.ParameterValue, tooltip);
        }
    }
}
