namespace ContainerMcp.Cmdlets;

/// <summary>
/// Force-removes orphaned containers: all of them (-Orphaned), or those piped from Get-McpServer -Orphaned.
/// With -Orphaned, the networks ContainerMcp created that no container uses any more go too.
/// Servers of this session are stopped with Stop-McpServer, not removed here.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "McpServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = ByOrphaned)]
[OutputType(typeof(McpOrphanedContainer))]
public sealed class RemoveMcpServerCommand : McpCmdlet
{
    private const string ByOrphaned = "Orphaned";
    private const string ByObject = "ByObject";

    [Parameter(Mandatory = true, ParameterSetName = ByOrphaned)]
    public SwitchParameter Orphaned { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    public McpOrphanedContainer[] InputObject { get; set; } = [];

    /// <summary>The engines to clean (names, contexts or endpoints); by default every engine this session uses.</summary>
    [Parameter(ParameterSetName = ByOrphaned), ArgumentCompleter(typeof(Completers.EngineNameCompleter))]
    public string[]? Engine { get; set; }

    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var targets = ParameterSetName == ByObject ? InputObject : FindOrphans(includeOtherHosts: false, Engine);
        foreach (var target in targets)
        {
            var server = target.LabelledServer is { } name ? $" of MCP server '{name}'" : "";
            var what = $"Container {target.ContainerName} ({target.ShortId}){server}: {target.Reason}";
            if (!ShouldProcess(what, "Remove")) continue;
            RunForItem("RemoveOrphanFailed", target, async (output, ct) =>
            {
                await Registry.OrphansOn(target.EngineConnection).RemoveAsync(target.Orphan, ct);
                if (PassThru) output.WriteObject(target);
            });
        }
        if (ParameterSetName != ByOrphaned) return;
        foreach (var engine in RunOrStop("OrphanSearchFailed", (_, _) => Task.FromResult(EnginesNamed(Engine))))
            RemoveOrphanedNetworks(Registry.OrphansOn(engine));
    }

    private void RemoveOrphanedNetworks(Engine.Servers.OrphanedContainers orphans)
    {
        var networks = RunForItem("OrphanSearchFailed", null, (_, ct) => orphans.FindNetworksAsync(ct)) ?? [];
        foreach (var network in networks)
        {
            if (!ShouldProcess($"Network {network.Name}: {network.Reason}", "Remove")) continue;
            RunForItem("RemoveOrphanFailed", network.Name, (_, ct) => orphans.RemoveNetworkAsync(network, ct));
        }
    }
}
