using System.Management.Automation;
using System.Runtime.CompilerServices;

namespace ContainerMcp.Support;

/// <summary>
/// The -IncludeTool/-ExcludeTool wildcards a server was started with. Kept with the server (by identity) so that
/// every runspace sees them; an excluded tool is neither listed nor callable.
/// </summary>
internal sealed class ToolFilter(string[] include, string[] exclude)
{
    private readonly WildcardPattern[] _include = include.Select(Wildcard).ToArray();
    private readonly WildcardPattern[] _exclude = exclude.Select(Wildcard).ToArray();

    public string[] Include { get; } = include;
    public string[] Exclude { get; } = exclude;

    /// <summary>How many tools passed the filter the last time they were listed.</summary>
    public int? LastCount { get; set; }

    public string Describe() => string.Join(" ",
        new[] { ("-IncludeTool", Include), ("-ExcludeTool", Exclude) }.Where(f => f.Item2.Length > 0).Select(f => $"{f.Item1} {string.Join(",", f.Item2)}"));

    public bool Allows(string toolName) =>
        (_include.Length == 0 || _include.Any(p => p.IsMatch(toolName))) && !_exclude.Any(p => p.IsMatch(toolName));

    private static WildcardPattern Wildcard(string pattern) => new(pattern, WildcardOptions.IgnoreCase);
}

internal static class ToolFilters
{
    private static readonly ConditionalWeakTable<EngineServer, ToolFilter> Filters = new();

    public static ToolFilter For(EngineServer server) => Filters.GetValue(server, _ => new ToolFilter([], []));

    /// <summary>Keeps the filter with a newly started server and lists its tools once, so ToolCount is known.</summary>
    public static async Task SetAsync(EngineServer server, ToolFilter filter, CancellationToken ct)
    {
        Filters.AddOrUpdate(server, filter);
        if (server.Identity?.HasTools != true) return;
        try { await ListAsync(server, ct).ConfigureAwait(false); }
        catch (Engine.Servers.McpServerException) { /* ToolCount stays unknown; listing again reports the failure. */ }
    }

    /// <summary>The server's tools that pass its filter (listed once, then cached by the engine).</summary>
    public static async Task<IReadOnlyList<McpTool>> ListAsync(EngineServer server, CancellationToken ct)
    {
        var filter = For(server);
        var tools = (await server.ListToolsAsync(ct: ct).ConfigureAwait(false))
            .Where(t => filter.Allows(t.Name)).Select(t => new McpTool(t)).ToList();
        filter.LastCount = tools.Count;
        return tools;
    }
}
