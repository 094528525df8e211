using ContainerMcp.Engine.Mcp;

namespace ContainerMcp;

/// <summary>One line of a server's log. Stream "stderr": a line it wrote (stdout is the MCP channel and is never logged);
/// stream "message": a log message it sent over MCP (notifications/message), with its level, logger and time, or a
/// note of ours (logger ContainerMcp) of what it asked of the client.</summary>
public sealed class McpLogEntry
{
    public const string Stderr = "stderr", Message = "message";

    public McpLogEntry(string serverName, string stream, string text) => (ServerName, Stream, Text) = (serverName, stream, text);

    internal McpLogEntry(McpLogMessage message) : this(message.ServerName, Message, message.Text) =>
        (Level, Logger, Time) = (message.Level, message.Logger, message.Time);

    public string ServerName { get; }
    public string Stream { get; }

    /// <summary>The MCP log level (debug … emergency); empty for stderr.</summary>
    public string? Level { get; }

    public string? Logger { get; }
    public DateTimeOffset? Time { get; }
    public string Text { get; }

    public override string ToString() => Text;
}
