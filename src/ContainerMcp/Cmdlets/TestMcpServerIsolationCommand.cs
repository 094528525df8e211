namespace ContainerMcp.Cmdlets;

/// <summary>
/// Checks how well each server's container is shut in — non-root, read-only root, no capabilities, no-new-privileges,
/// not privileged, no published ports, no host namespaces, only internal networks — as an object Pester can assert on.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "McpServerIsolation")]
[OutputType(typeof(McpServerIsolation))]
public sealed class TestMcpServerIsolationCommand : McpCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ServerName")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[] Name { get; set; } = [];

    protected override void ProcessRecord()
    {
        var inspector = Registry.Isolation;
        foreach (var server in FindServers(Name))
        {
            if (RunForItem("IsolationCheckFailed", server.Name, (_, ct) => inspector.InspectAsync(server, ct)) is { } report)
                Output.WriteObject(new McpServerIsolation(report));
        }
    }
}
