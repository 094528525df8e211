namespace ContainerMcp.Cmdlets;

/// <summary>Checks each server now: its state, an MCP ping (5 s limit), its container's state and memory.</summary>
[Cmdlet(VerbsCommon.Get, "McpServerHealth")]
[OutputType(typeof(McpServerHealth))]
public sealed class GetMcpServerHealthCommand : McpCmdlet
{
    private static readonly TimeSpan PingLimit = TimeSpan.FromSeconds(5);

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ServerName")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var server in FindServers(Name))
        {
            if (RunForItem("HealthCheckFailed", server.Name, (_, ct) => server.CheckHealthAsync(PingLimit, ct)) is { } health)
                Output.WriteObject(new McpServerHealth(health));
        }
    }
}
