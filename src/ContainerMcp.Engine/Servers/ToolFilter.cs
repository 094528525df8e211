using System.Text.RegularExpressions;
using ContainerMcp.Engine.Config;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// The tools a server offers, from its configured include and exclude wildcards. Enforced by the engine, so a
/// filtered tool is neither listed nor callable whichever front end asks.
/// </summary>
public sealed class ToolFilter
{
    private readonly Regex[] _include;
    private readonly Regex[] _exclude;

    public ToolFilter(ToolSelection selection)
    {
        Selection = selection;
        _include = selection.Include.Select(NamePattern.ToRegex).ToArray();
        _exclude = selection.Exclude.Select(NamePattern.ToRegex).ToArray();
    }

    public ToolSelection Selection { get; }

    public bool Allows(string toolName) =>
        (_include.Length == 0 || _include.Any(p => p.IsMatch(toolName))) && !_exclude.Any(p => p.IsMatch(toolName));

    /// <summary>The refusal of a tool the server does not offer: filtered out by this selection, or unknown to the server.</summary>
    public McpToolRefusedException NotOffered(string serverName, string toolName) => Allows(toolName)
        ? new McpToolNotFoundException(serverName, toolName, $"MCP server '{serverName}' has no tool named '{toolName}'.")
        : Refusal(serverName, toolName);

    /// <summary>The error for a call to a tool this selection leaves out.</summary>
    public McpToolFilteredException Refusal(string serverName, string toolName) => new(serverName, toolName,
        $"Tool '{toolName}' of MCP server '{serverName}' is filtered out by configuration ({Describe()}). Restart the server " +
        "with another tool selection (tools: in its configuration) to use it.");

    /// <summary>The selection in words, for error messages: "include query, list_*; exclude drop*".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Selection.Include.Count > 0) parts.Add("include " + string.Join(", ", Selection.Include));
        if (Selection.Exclude.Count > 0) parts.Add("exclude " + string.Join(", ", Selection.Exclude));
        return parts.Count == 0 ? "all tools" : string.Join("; ", parts);
    }
}
