namespace ContainerMcp.Cmdlets;

/// <summary>The servers of this session by name, or with -Orphaned the containers of ours that no live session owns.</summary>
[Cmdlet(VerbsCommon.Get, "McpServer", DefaultParameterSetName = ByName)]
[OutputType(typeof(McpServer), ParameterSetName = [ByName])]
[OutputType(typeof(McpOrphanedContainer), ParameterSetName = [ByOrphaned])]
public sealed class GetMcpServerCommand : McpCmdlet
{
    private const string ByName = "ByName";
    private const string ByOrphaned = "Orphaned";

    [Parameter(Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ServerName")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Lists leftover containers (owner process gone, or stopped outside any live session) instead of servers.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByOrphaned)]
    public SwitchParameter Orphaned { get; set; }

    /// <summary>Also lists containers other machines started on this daemon: whether their owner lives cannot be told.</summary>
    [Parameter(ParameterSetName = ByOrphaned)]
    public SwitchParameter IncludeOtherHosts { get; set; }

    /// <summary>The engines to search (names, contexts or endpoints); by default every engine this session uses.</summary>
    [Parameter(ParameterSetName = ByOrphaned), ArgumentCompleter(typeof(Completers.EngineNameCompleter))]
    public string[]? Engine { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByOrphaned)
        {
            Output.WriteObject(FindOrphans(IncludeOtherHosts, Engine), enumerateCollection: true);
            return;
        }
        foreach (var server in FindServers(Name)) Output.WriteObject(new McpServer(server));
    }
}
