using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Containers;

namespace ContainerMcp.Cmdlets;

/// <summary>
/// Deletes servers' state volumes and all they hold: by server name, or piped from Get-McpStateVolume. A volume a
/// container still mounts is refused (stop the server first). Nothing else ever removes them, Remove-McpServer -Orphaned included.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "McpStateVolume", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByName)]
[OutputType(typeof(McpStateVolume))]
public sealed class RemoveMcpStateVolumeCommand : McpCmdlet
{
    private const string ByName = "ByName";
    private const string ByObject = "ByObject";

    // No -Name alias: it would bind any piped object's Name by property name, and this deletes data.
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipelineByPropertyName = true), SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[] ServerName { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    public McpStateVolume[] InputObject { get; set; } = [];

    /// <summary>Writes each removed volume's object.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var targets = ParameterSetName == ByObject ? InputObject.Select(v => v.Volume).ToList() : Find();
        foreach (var volume in targets)
        {
            if (!ShouldProcess($"State volume {volume.Name} of MCP server '{volume.ServerName}', and everything in it", "Remove")) continue;
            RunForItem("RemoveStateVolumeFailed", volume.ServerName, async (output, ct) =>
            {
                await StateVolumes.RemoveAsync(Registry.Docker, volume.Name, ct);
                if (PassThru) output.WriteObject(new McpStateVolume(volume));
            });
        }
    }

    private List<StateVolume> Find()
    {
        var all = RunForItem("StateVolumeListFailed", null, (_, ct) => StateVolumes.ListAsync(Registry.Docker, ct)) ?? [];
        var found = all.Where(v => ServerName.Any(n => NamePattern.IsMatch(n, v.ServerName))).ToList();
        foreach (var name in ServerName.Where(n => !NamePattern.HasWildcards(n) && !found.Any(v => NamePattern.IsMatch(n, v.ServerName))))
            Output.WriteError(McpErrors.Create($"MCP server '{name}' has no state volume to remove. Get-McpStateVolume lists those there are.",
                "StateVolumeNotFound", ErrorCategory.ObjectNotFound, name));
        return found;
    }
}
