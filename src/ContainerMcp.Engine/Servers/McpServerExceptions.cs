using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Observability;

namespace ContainerMcp.Engine.Servers;

/// <summary>A failure that concerns one named server. The message says what failed and what to do next.</summary>
public class McpServerException(string serverName, string message, Exception? inner = null) : EngineException(message, inner)
{
    public string ServerName { get; } = serverName;
}

/// <summary>The server's container ended (crash, kill, OOM, or it never started): how, and its last stderr lines.</summary>
public sealed class McpServerExitedException(string serverName, string message, ContainerExit? exit, IReadOnlyList<string> stderrTail, Exception? inner = null)
    : McpServerException(serverName, message, inner)
{
    public ContainerExit? Exit { get; } = exit;
    public IReadOnlyList<string> StderrTail { get; } = stderrTail;
    public override EngineErrorKind Kind => EngineErrorKind.Unavailable;
}

/// <summary>A call or the start handshake took longer than allowed.</summary>
public sealed class McpServerTimeoutException(string serverName, string message, TimeSpan timeout, Exception? inner = null)
    : McpServerException(serverName, message, inner), IHasOutcome
{
    string IHasOutcome.Outcome => Outcomes.Timeout;

    public TimeSpan Timeout { get; } = timeout;
    public override EngineErrorKind Kind => EngineErrorKind.Timeout;
}

/// <summary>The server kept crashing and its restart limit was reached, or its background start failed.</summary>
public sealed class McpServerFailedException(string serverName, string message, IReadOnlyList<string> stderrTail)
    : McpServerException(serverName, message)
{
    public IReadOnlyList<string> StderrTail { get; } = stderrTail;
}

/// <summary>The server's Docker engine does not answer: the server waits for it and starts again by itself once it does.</summary>
public sealed class McpServerWaitingForEngineException(string serverName, string message, Exception? inner = null)
    : McpServerException(serverName, message, inner)
{
    public override EngineErrorKind Kind => EngineErrorKind.Unreachable;
}

/// <summary>The session already runs as many containers as it may.</summary>
public sealed class McpServerCapacityException(string serverName, string message, int limit)
    : McpServerException(serverName, message)
{
    public int Limit { get; } = limit;
    public override NextStep NextStep => NextStep.StopServer;
}

/// <summary>The tool exists, or may, but the server's configuration does not offer it.</summary>
public sealed class McpToolFilteredException(string serverName, string toolName, string message)
    : McpToolRefusedException(serverName, toolName, ToolRefusal.Filtered, message);

/// <summary>The server answered with a protocol error (unknown tool, invalid arguments, internal error).</summary>
public sealed class McpServerProtocolException(string serverName, string message, int errorCode, Exception? inner = null)
    : McpServerException(serverName, message, inner)
{
    public int ErrorCode { get; } = errorCode;
    public override EngineErrorKind Kind => ErrorCode switch
    {
        -32602 => EngineErrorKind.InvalidArgument,
        -32601 => EngineErrorKind.NotFound,
        _ => EngineErrorKind.Protocol,
    };
}

/// <summary>The server sent a message larger than its limit (max_message_mb): refused unread, the call failed, the server runs on.</summary>
public sealed class McpMessageTooLargeException(string serverName, string message, long size, long limit)
    : McpServerException(serverName, message)
{
    /// <summary>The refused message's size in bytes.</summary>
    public long Size { get; } = size;
    public long Limit { get; } = limit;
    public override EngineErrorKind Kind => EngineErrorKind.InvalidData;
    public override NextStep NextStep => NextStep.RaiseMessageLimit;
}

/// <summary>The server's answer arrived but is not what MCP says it must be (a value of the wrong type); the server runs on.</summary>
public sealed class McpMalformedAnswerException(string serverName, string message, Exception? inner = null)
    : McpServerException(serverName, message, inner)
{
    public override EngineErrorKind Kind => EngineErrorKind.InvalidData;
}

/// <summary>No server of that name is registered in this session.</summary>
public sealed class McpServerNotFoundException(string serverName, string message) : McpServerException(serverName, message)
{
    public override EngineErrorKind Kind => EngineErrorKind.NotFound;
    public override NextStep NextStep => NextStep.StartServer;
}

/// <summary>A server of that name already exists in this session.</summary>
public sealed class McpServerNameConflictException(string serverName, string message) : McpServerException(serverName, message)
{
    public override EngineErrorKind Kind => EngineErrorKind.AlreadyExists;
}

/// <summary>The pieces of error messages that both a server and its containers write.</summary>
internal static class ServerErrors
{
    /// <summary>How many stderr lines an error or a failure reason quotes.</summary>
    public const int StderrLinesQuoted = 10;

    public static McpServerException Stopped(string serverName, string operation, Exception? inner = null) =>
        new(serverName, $"MCP server '{serverName}' has been stopped, so it is not available for {operation}. Start it again to use it.", inner);

    /// <summary>The last stderr lines, indented on lines of their own, to end a message with.</summary>
    public static string QuoteStderr(IReadOnlyList<string> lines) => lines.Count > 0
        ? $"{Environment.NewLine}Last stderr lines:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", lines)
        : " It wrote nothing to stderr.";
}
