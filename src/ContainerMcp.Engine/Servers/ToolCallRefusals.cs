using ContainerMcp.Engine.Observability;

namespace ContainerMcp.Engine.Servers;

/// <summary>Why the engine refused a tool call before it reached the server.</summary>
public enum ToolRefusal
{
    /// <summary>The server offers no tool of that name.</summary>
    UnknownTool,

    /// <summary>The server's tool selection leaves the tool out.</summary>
    Filtered,

    /// <summary>The arguments do not fit the tool's input schema, or cannot be sent as JSON.</summary>
    InvalidArguments,
}

/// <summary>A tool call refused by the engine: nothing was sent to the server, and the refusal was audited.</summary>
public abstract class McpToolRefusedException(string serverName, string toolName, ToolRefusal refusal, string message)
    : McpServerException(serverName, message), IHasOutcome
{
    public string ToolName { get; } = toolName;
    public ToolRefusal Refusal { get; } = refusal;

    string IHasOutcome.Outcome => Refusal switch
    {
        ToolRefusal.UnknownTool => Outcomes.UnknownTool,
        ToolRefusal.Filtered => Outcomes.Filtered,
        _ => Outcomes.InvalidArguments,
    };

    public override EngineErrorKind Kind => Refusal switch
    {
        ToolRefusal.UnknownTool => EngineErrorKind.NotFound,
        ToolRefusal.Filtered => EngineErrorKind.Refused,
        _ => EngineErrorKind.InvalidArgument,
    };

    public override NextStep NextStep => Refusal switch
    {
        ToolRefusal.UnknownTool => NextStep.ListTools,
        ToolRefusal.Filtered => NextStep.SelectTools,
        _ => NextStep.None,
    };
}

/// <summary>The server offers no tool of that name (after its filter, it may offer others).</summary>
public sealed class McpToolNotFoundException(string serverName, string toolName, string message)
    : McpToolRefusedException(serverName, toolName, ToolRefusal.UnknownTool, message);

/// <summary>The arguments do not fit the tool's input schema; <see cref="Problems"/> says how, one sentence each.</summary>
public sealed class McpToolArgumentsException(string serverName, string toolName, IReadOnlyList<string> problems)
    : McpToolRefusedException(serverName, toolName, ToolRefusal.InvalidArguments, string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
