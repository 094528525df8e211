using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Images;

namespace ContainerMcp.Cmdlets;

/// <summary>Pulls an image from its registry, with progress. With no registry reachable it says so, and how to build offline instead.</summary>
[Cmdlet(VerbsLifecycle.Request, "McpServerImage", SupportsShouldProcess = true)]
[OutputType(typeof(McpServerImage))]
public sealed class RequestMcpServerImageCommand : McpCmdlet
{
    /// <summary>The image to pull, e.g. mcp/postgres:latest; a piped configuration gives its Image.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true), Alias("Image")]
    public string[] Name { get; set; } = [];

    /// <summary>The engine to pull on (a context, an engine Get-McpEngine lists, or an endpoint); a piped configuration's
    /// engine; the default when not given.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true), ArgumentCompleter(typeof(Completers.EngineNameCompleter))]
    public string? Engine { get; set; }

    protected override void ProcessRecord()
    {
        var engine = RunOrStop("EngineNotFound", (_, _) => Task.FromResult(Registry.Engines.Resolve(Engine)));
        var catalog = Registry.ImagesOn(engine);
        foreach (var name in Name)
        {
            if (!IsImageReference(name) || !ShouldProcess($"Image {name}", "Pull")) continue;
            var activity = $"Pulling {name}";
            var image = RunForItem("PullFailed", name, (output, ct) => catalog.PullAsync(name, new Relay<DockerProgress>(p =>
            {
                output.WriteVerbose(p.Id is null ? p.Text : $"{p.Id}: {p.Text}");
                output.WriteProgress(2, activity, p.Id is null ? p.Text : $"{p.Id}: {p.Text}", p.Percent);
            }), ct));
            if (image is null) continue;
            Output.WriteProgress(2, activity, "Pulled", 100, completed: true);
            Output.WriteObject(new McpServerImage(image, engine.Name));
        }
    }
}
