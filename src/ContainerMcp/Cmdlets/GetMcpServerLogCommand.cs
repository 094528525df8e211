namespace ContainerMcp.Cmdlets;

/// <summary>The last stderr lines of a server, from the engine's in-memory ring (containers keep no log on disk).</summary>
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

    protected override void ProcessRecord()
    {
        if (GetServer(Name) is not { } server) return;
        foreach (var line in server.GetStderr(Tail)) Output.WriteObject(new McpLogEntry(server.Name, "stderr", line));
    }
}
