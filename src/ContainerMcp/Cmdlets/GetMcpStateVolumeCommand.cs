using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Containers;

namespace ContainerMcp.Cmdlets;

/// <summary>Lists the servers' state volumes (those of stopped servers too), by server name.</summary>
[Cmdlet(VerbsCommon.Get, "McpStateVolume")]
[OutputType(typeof(McpStateVolume))]
public sealed class GetMcpStateVolumeCommand : McpCmdlet
{
    /// <summary>Server names, wildcards allowed; all when none are given.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true), SupportsWildcards]
    [Alias("Name")]
    [ArgumentCompleter(typeof(Completers.ServerNameCompleter))]
    public string[] ServerName { get; set; } = [];

    protected override void ProcessRecord()
    {
        var volumes = RunOrStop("StateVolumeListFailed", (_, ct) => StateVolumes.ListAsync(Registry.Docker, ct));
        foreach (var volume in volumes)
        {
            if (ServerName.Length > 0 && !ServerName.Any(n => NamePattern.IsMatch(n, volume.ServerName))) continue;
            Output.WriteObject(new McpStateVolume(volume));
        }
        foreach (var name in ServerName.Where(n => !NamePattern.HasWildcards(n) && !volumes.Any(v => NamePattern.IsMatch(n, v.ServerName))))
            Output.WriteError(McpErrors.Create($"MCP server '{name}' has no state volume. A server gets one when it starts with -StatePath (state: in YAML).",
                "StateVolumeNotFound", ErrorCategory.ObjectNotFound, name));
    }
}
