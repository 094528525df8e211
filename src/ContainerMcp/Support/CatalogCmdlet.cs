using ContainerMcp.Engine.Config;

namespace ContainerMcp.Support;

/// <summary>
/// Base of Get-McpTool, Get-McpResource and Get-McpPrompt: the servers by -ServerName (wildcards; by property name
/// from a piped server, tool…), and one body that lists each server's items and keeps those whose names match.
/// </summary>
public abstract class CatalogCmdlet : McpCmdlet
{
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[]? ServerName { get; set; }

    /// <summary>Writes each server's items that any of <paramref name="names"/> (wildcards) matches by one of its
    /// keys, all of them when none are given. <paramref name="missing"/>, when given, is the error for a plain
    /// name that matches nothing on a server.</summary>
    protected void WriteCatalog<T>(
        IEnumerable<ManagedServer> servers, string[]? names, string errorId,
        Func<ManagedServer, CancellationToken, Task<IReadOnlyList<T>>> list, Func<T, string[]> keys, Func<T, object> toOutput,
        Func<ManagedServer, string, Exception>? missing = null)
    {
        var patterns = (names ?? []).Select(NamePattern.ToRegex).ToList();
        foreach (var server in servers)
        {
            if (RunForItem(errorId, server.Name, (_, ct) => list(server, ct)) is not { } items) continue;
            Output.WriteObject(items.Where(i => patterns.Count == 0 || keys(i).Any(k => patterns.Any(p => p.IsMatch(k)))).Select(toOutput), true);
            var unmatched = (names ?? []).Where(n => !NamePattern.HasWildcards(n) && !items.Any(i => keys(i).Contains(n, StringComparer.OrdinalIgnoreCase)));
            foreach (var name in missing is null ? [] : unmatched) Output.WriteError(McpErrors.From(missing!(server, name), errorId, name));
        }
    }
}
