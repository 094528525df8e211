namespace ContainerMcp.Cmdlets;

[Cmdlet(VerbsLifecycle.Stop, "McpServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    DefaultParameterSetName = ByName)]
[OutputType(typeof(McpServer))]
public sealed class StopMcpServerCommand : ServerTargetCmdlet
{
    protected override void ProcessRecord()
    {
        foreach (var server in TargetServers())
        {
            if (!ShouldProcess($"MCP server '{server.Name}' (container {server.ContainerName})", "Stop")) continue;
            RunForItem("StopFailed", server.Name, (_, ct) => StopServerAsync(server, ct));
            if (PassThru) Output.WriteObject(new McpServer(server));
        }
    }
}
