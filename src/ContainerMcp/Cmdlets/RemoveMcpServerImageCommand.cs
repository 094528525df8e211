using ContainerMcp.Engine.Images;

namespace ContainerMcp.Cmdlets;

/// <summary>Removes images ContainerMcp made: by name, piped from Get-McpServerImage, or all that no container uses (-Unused).</summary>
[Cmdlet(VerbsCommon.Remove, "McpServerImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByName)]
[OutputType(typeof(McpServerImage))]
public sealed class RemoveMcpServerImageCommand : McpCmdlet
{
    private const string ByName = "ByName";
    private const string ByUnused = "Unused";

    /// <summary>repository:tag or image id.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    public string[] Name { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = ByUnused)]
    public SwitchParameter Unused { get; set; }

    /// <summary>Removes an image even when a stopped container still uses it.</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    /// <summary>The engine whose images these are (a context, an engine Get-McpEngine lists, or an endpoint); a piped image's
    /// own engine; the default when not given.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true), ArgumentCompleter(typeof(Completers.EngineNameCompleter))]
    public string? Engine { get; set; }

    protected override void ProcessRecord()
    {
        var catalog = Registry.ImagesOn(RunOrStop("EngineNotFound", (_, _) => Task.FromResult(Registry.Engines.Resolve(Engine))));
        var names = Name;
        if (Unused)
        {
            var unused = RunForItem("ImageListFailed", null, (_, ct) => catalog.ListUnusedAsync(ct)) ?? [];
            // Server images first: a base goes only once no image of ours is built on it.
            names = [.. unused.OrderBy(i => i.Role == ImageLabels.BaseRole).Select(i => i.Name)];
        }
        foreach (var name in names)
        {
            if (!IsImageReference(name) || !ShouldProcess($"Image {name}", "Remove")) continue;
            RunForItem("RemoveImageFailed", name, (_, ct) => catalog.RemoveAsync(name, Force, ct));
        }
    }
}
