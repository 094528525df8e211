namespace ContainerMcp.Cmdlets;

[Cmdlet(VerbsLifecycle.Stop, "McpServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    DefaultParameterSetName = ByName)]
[OutputType(typeof(McpServer))]
public sealed class StopMcpServerCommand : ServerTargetCmdlet
{
    /// <summary>How many servers stop at once.</summary>
    [Parameter, ValidateRange(1, 64)] public int ThrottleLimit { get; set; } = 8;

    private readonly List<ManagedServer> _stops = [];

    protected override void ProcessRecord()
    {
        foreach (var server in TargetServers())
        {
            if (_stops.Contains(server) || !ShouldProcess($"MCP server '{server.Name}' (container {server.ContainerName})", "Stop")) continue;
            _stops.Add(server);
        }
    }

    /// <summary>The stops run together, -ThrottleLimit at a time; -PassThru writes the servers in input order.</summary>
    protected override void EndProcessing() =>
        RunConcurrently(_stops, ThrottleLimit, "Stopping", "StopFailed", s => s.Name, async (server, _, ct) =>
        {
            await StopServerAsync(server, ct).ConfigureAwait(false);
            return server;
        }, (output, server, _) =>
        {
            if (PassThru) output.WriteObject(new McpServer(server));
        });
}
