namespace ContainerMcp;

/// <summary>One line a server wrote. Stream is "stderr": stdout is the MCP channel and is never logged.</summary>
public sealed class McpLogEntry(string serverName, string stream, string text)
{
    public string ServerName { get; } = serverName;
    public string Stream { get; } = stream;
    public string Text { get; } = text;

    public override string ToString() => Text;
}
