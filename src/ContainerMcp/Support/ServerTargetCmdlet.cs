namespace ContainerMcp.Support;

/// <summary>
/// Base of the cmdlets that act on whole servers (Stop, Restart): the same two ways to name them, by name or
/// wildcard (also by property name from the pipeline) or as McpServer objects, and -PassThru.
/// </summary>
public abstract class ServerTargetCmdlet : McpCmdlet
{
    protected const string ByName = "ByName";
    protected const string ByObject = "ByObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipelineByPropertyName = true)]
    [Alias("ServerName")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[] Name { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    public McpServer[] InputObject { get; set; } = [];

    [Parameter] public SwitchParameter PassThru { get; set; }

    /// <summary>The servers this invocation names, whichever way they were given.</summary>
    protected IEnumerable<ManagedServer> TargetServers() =>
        ParameterSetName == ByObject ? InputObject.Select(s => s.Server) : FindServers(Name);
}
