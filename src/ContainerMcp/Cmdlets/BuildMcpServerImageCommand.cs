using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Images;

namespace ContainerMcp.Cmdlets;

/// <summary>Builds (or reuses, when unchanged) the image for a runtime: from parameters, a configuration file, or Import-McpServerConfig objects.</summary>
// Build is an approved verb (Get-Verb: Lifecycle) that has no VerbsLifecycle constant.
[Cmdlet("Build", "McpServerImage", SupportsShouldProcess = true, DefaultParameterSetName = FromRuntime)]
[OutputType(typeof(McpServerImage))]
public sealed class BuildMcpServerImageCommand : ImageParametersCmdlet
{
    [Parameter(Mandatory = true, ParameterSetName = FromFile), Alias("Config", "Path"), SupportsWildcards]
    public string ConfigPath { get; set; } = "";

    [Parameter(Position = 0, ParameterSetName = FromFile), Alias("ServerName"), SupportsWildcards]
    public string[] Name { get; set; } = [];

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FromObject)]
    public McpServerConfiguration? Configuration { get; set; }

    /// <summary>The engine to build on (a context, an engine Get-McpEngine lists, or an endpoint); else a file's engine:, else the default.</summary>
    [Parameter, ArgumentCompleter(typeof(Completers.EngineNameCompleter))]
    public string? Engine { get; set; }

    protected override void ProcessRecord()
    {
        var recipes = ReadConfiguration(ParameterSetName == FromFile ? ConfigPath : Runtime, () => ParameterSetName switch
        {
            // A build reads only the runtime block, so literal secrets elsewhere in the file do not stop it.
            FromFile => ConfigFiles.Load(this, ConfigPath, Name, allowPlaintextSecrets: true).Select(Of).ToList(),
            FromObject => [Of(Configuration!.Config)],
            _ => (List<(string Target, ImageRecipe? Recipe, string? Engine)>)[(Runtime, ParametersAsRecipe(), null)],
        });
        foreach (var (target, recipe, engine) in recipes ?? []) Build(target, recipe, Engine ?? engine);
    }

    private void Build(string target, ImageRecipe? recipe, string? engineName)
    {
        if (recipe is null)
        {
            Output.WriteError(McpErrors.Create($"MCP server '{target}' names an image to run and no runtime: there is nothing to build.", "NothingToBuild", ErrorCategory.InvalidArgument, target));
            return;
        }
        if (!ShouldProcess($"{recipe.RuntimeName} image for '{target}' in {recipe.RepositoryOrDefault}", "Build")) return;
        if (RunForItem("EngineNotFound", target, (_, _) => Task.FromResult(Registry.Engines.Resolve(engineName))) is not { } engine) return;
        var activity = $"Building the {recipe.RuntimeName} image for '{target}'";
        var image = RunForItem("BuildFailed", target, (output, ct) => Registry.ImageBuilderOn(engine).BuildAsync(recipe, new Relay<DockerProgress>(p =>
        {
            output.WriteVerbose(p.Text);
            output.WriteProgress(1, activity, p.Text, p.Percent);
        }), ct));
        if (image is null) return;
        Output.WriteProgress(1, activity, image.Reused ? "Reused" : "Built", 100, completed: true);
        Output.WriteObject(new McpServerImage(image, engine.Name));
    }

    private static (string, ImageRecipe?, string?) Of(McpServerConfig config) => (config.Name, ImageRecipe.For(config), config.Engine);
}
