using System.Collections;
using System.Management.Automation.Language;

namespace ContainerMcp.Completers;

/// <summary>Completes local images as repository:tag, those ContainerMcp made first. Asks the daemon at most 2 s.</summary>
public sealed class ImageNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var images = Completion.AskDaemon(ct => Completion.LocalNamesOf(fakeBoundParameters).ImagesAsync(ct));
        return Completion.Matching(
            images.Select(i => (i.Name, i.MadeHere ? $"{i.Name} (made by ContainerMcp{(i.Role is null ? "" : ", " + i.Role)})" : $"{i.Name} (local image)")),
            wordToComplete);
    }
}

/// <summary>Completes networks: none, host and bridge first, then the daemon's others. Asks the daemon at most 2 s.</summary>
public sealed class NetworkNameCompleter : IArgumentCompleter
{
    private static readonly Dictionary<string, string> BuiltIn = new()
    {
        ["none"] = "none: no network at all (the default)",
        ["host"] = "host: this machine's network stack",
        ["bridge"] = "bridge: Docker's default bridge, with a route out",
    };

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var networks = Completion.AskDaemon(ct => Completion.LocalNamesOf(fakeBoundParameters).NetworksAsync(ct));
        // With the daemon out of reach, the built-in names are still offered: they need no lookup.
        var names = networks.Count > 0 ? networks.Select(n => (n.Name, BuiltIn.GetValueOrDefault(n.Name) ?? $"{n.Name} ({n.Driver}{(n.Internal ? ", internal" : "")})"))
            : BuiltIn.Select(b => (b.Key, b.Value));
        return Completion.Matching(names, wordToComplete);
    }
}
