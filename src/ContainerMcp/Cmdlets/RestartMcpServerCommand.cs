namespace ContainerMcp.Cmdlets;

/// <summary>Stops a server, then starts it again from the same definition (and the same tool filters).</summary>
[Cmdlet(VerbsLifecycle.Restart, "McpServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    DefaultParameterSetName = ByName)]
[OutputType(typeof(McpServer))]
public sealed class RestartMcpServerCommand : ServerTargetCmdlet
{
    protected override void ProcessRecord()
    {
        foreach (var old in TargetServers())
        {
            if (!ShouldProcess($"MCP server '{old.Name}' (container {old.ContainerName})", "Restart")) continue;
            var activity = $"Restarting MCP server '{old.Name}'";
            var server = RunForItem("RestartFailed", old.Name, async (output, ct) =>
            {
                var progress = new Relay<string>(status => output.WriteProgress(1, activity, status));
                progress.Report("Stopping");
                await StopServerAsync(old, ct);
                return await Registry.StartAsync(old.Definition, progress, ct);
            });
            if (server is null) continue;
            Output.WriteProgress(1, activity, "Restarted", 100, completed: true);
            if (PassThru) Output.WriteObject(new McpServer(server));
        }
    }
}
