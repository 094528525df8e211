namespace ContainerMcp.Cmdlets;

/// <summary>
/// The last stderr lines of a server, from the engine's in-memory ring (containers keep no log on disk); with -Egress, the
/// requests it made through its egress proxy, allowed or denied; with -Stream message, the log messages it sent over MCP
/// (notifications/message) and notes of what it asked of the client.
/// </summary>
[Cmdlet(VerbsCommon.Get, "McpServerLog", DefaultParameterSetName = "Stderr")]
[OutputType(typeof(McpLogEntry), ParameterSetName = ["Stderr"])]
[OutputType(typeof(McpEgressLogEntry), ParameterSetName = ["Egress"])]
public sealed class GetMcpServerLogCommand : McpCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ServerName")]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter, ValidateRange(1, int.MaxValue)]
    public int? Tail { get; set; }

    /// <summary>The egress proxy's log instead: each request's time, method, host:port and whether it was allowed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Egress")]
    public SwitchParameter Egress { get; set; }

    /// <summary>Which log: stderr (the default), message (MCP log messages), or both.</summary>
    [Parameter(ParameterSetName = "Stderr"), ValidateSet(McpLogEntry.Stderr, McpLogEntry.Message)]
    public string[] Stream { get; set; } = [McpLogEntry.Stderr];

    protected override void ProcessRecord()
    {
        if (GetServer(Name) is not { } server) return;
        if (Egress)
        {
            foreach (var entry in server.EgressLog.Tail(Tail)) Output.WriteObject(new McpEgressLogEntry(server.Name, entry));
            return;
        }
        if (Stream.Contains(McpLogEntry.Stderr, StringComparer.OrdinalIgnoreCase))
            foreach (var line in server.GetStderr(Tail)) Output.WriteObject(new McpLogEntry(server.Name, McpLogEntry.Stderr, line));
        if (Stream.Contains(McpLogEntry.Message, StringComparer.OrdinalIgnoreCase))
            foreach (var message in server.GetMessages(Tail)) Output.WriteObject(new McpLogEntry(message));
    }
}
