using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Images;

namespace ContainerMcp.Cmdlets;

/// <summary>Lists the images ContainerMcp made (server images and bases made from host runtimes), newest first.</summary>
[Cmdlet(VerbsCommon.Get, "McpServerImage")]
[OutputType(typeof(McpServerImage))]
public sealed class GetMcpServerImageCommand : McpCmdlet
{
    /// <summary>Image names (repository:tag, repository:latest) or repositories, wildcards allowed.</summary>
    [Parameter(Position = 0), SupportsWildcards]
    public string[] Name { get; set; } = [];

    /// <summary>Only images no container uses.</summary>
    [Parameter] public SwitchParameter Unused { get; set; }

    /// <summary>The engine whose images these are (a context, an engine Get-McpEngine lists, or an endpoint); the default when not given.</summary>
    [Parameter, ArgumentCompleter(typeof(Completers.EngineNameCompleter))]
    public string? Engine { get; set; }

    protected override void ProcessRecord()
    {
        var engine = RunOrStop("EngineNotFound", (_, _) => Task.FromResult(Registry.Engines.Resolve(Engine)));
        var images = RunOrStop("ImageListFailed", (_, ct) => Registry.ImagesOn(engine).ListAsync(ct));
        foreach (var image in images)
        {
            if (Unused && image.InUse) continue;
            // repository:latest names the image it is on, though it is not an entry of its own.
            var latest = image.Latest ? $"{image.Repository}:{McpImageBuilder.LatestTag}" : null;
            if (Name.Length > 0 && !Name.Any(n => NamePattern.IsMatch(n, image.Name) || NamePattern.IsMatch(n, image.Repository) || (latest is not null && NamePattern.IsMatch(n, latest))))
                continue;
            Output.WriteObject(new McpServerImage(image, engine.Name));
        }
    }
}
