using ContainerMcp.Engine.Mcp;
using ContainerMcp.Engine.Observability;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// A tool answered, but its structured content does not fit the output schema it declared. The call did reach the
/// server (it is audited as invalid-output); <see cref="Result"/> keeps what came back, for a caller who wants it anyway.
/// </summary>
public sealed class McpToolOutputException(string serverName, string toolName, IReadOnlyList<string> problems, McpToolCallResult result)
    : McpServerException(serverName,
        $"Tool '{toolName}' of MCP server '{serverName}' returned structured content that does not match its output schema: " +
        $"{string.Join("; ", problems)}. The result is this error's target object; the server's tool or its outputSchema needs fixing.")
    , IHasOutcome
{
    public string ToolName { get; } = toolName;
    public IReadOnlyList<string> Problems { get; } = problems;
    public McpToolCallResult Result { get; } = result;
    public override EngineErrorKind Kind => EngineErrorKind.InvalidData;
    string IHasOutcome.Outcome => Outcomes.InvalidOutput;
}
