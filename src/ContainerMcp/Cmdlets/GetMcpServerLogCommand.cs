namespace ContainerMcp.Cmdlets;

/// <summary>A server's log from the engine's in-memory rings (containers keep no log on disk): the last stderr lines,
/// and with -Stream message the log messages it sent over MCP (notifications/message) and notes of what it asked.</summary>
[Cmdlet(VerbsCommon.Get, "McpServerLog")]
[OutputType(typeof(McpLogEntry))]
public sealed class GetMcpServerLogCommand : McpCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ServerName")]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter, ValidateRange(1, int.MaxValue)]
    public int? Tail { get; set; }

    /// <summary>Which log: stderr (the default), message (MCP log messages), or both.</summary>
    [Parameter, ValidateSet(McpLogEntry.Stderr, McpLogEntry.Message)]
    public string[] Stream { get; set; } = [McpLogEntry.Stderr];

    protected override void ProcessRecord()
    {
        if (GetServer(Name) is not { } server) return;
        if (Stream.Contains(McpLogEntry.Stderr, StringComparer.OrdinalIgnoreCase))
            foreach (var line in server.GetStderr(Tail)) Output.WriteObject(new McpLogEntry(server.Name, McpLogEntry.Stderr, line));
        if (Stream.Contains(McpLogEntry.Message, StringComparer.OrdinalIgnoreCase))
            foreach (var message in server.GetMessages(Tail)) Output.WriteObject(new McpLogEntry(message));
    }
}
