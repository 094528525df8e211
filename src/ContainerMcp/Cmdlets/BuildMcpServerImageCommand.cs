using System.Management.Automation;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Images;
using ContainerMcp.Support;

namespace ContainerMcp.Cmdlets;

/// <summary>Builds (or reuses, when unchanged) the image for a runtime: from parameters, a configuration file, or Import-McpServerConfig objects.</summary>
// Build is an approved verb (Get-Verb: Lifecycle) that has no VerbsLifecycle constant.
[Cmdlet("Build", "McpServerImage", SupportsShouldProcess = true, DefaultParameterSetName = FromRuntime)]
[OutputType(typeof(McpServerImage))]
public sealed class BuildMcpServerImageCommand : McpCmdlet
{
    private const string FromRuntime = "Runtime";
    private const string FromFile = "ConfigPath";
    private const string FromObject = "Configuration";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FromRuntime), ValidateSet("node", "python", "custom")]
    public string Runtime { get; set; } = "";

    [Parameter(ParameterSetName = FromRuntime)] public string[] Package { get; set; } = [];
    [Parameter(ParameterSetName = FromRuntime)] public string? BaseImage { get; set; }
    [Parameter(ParameterSetName = FromRuntime)] public string? Version { get; set; }

    /// <summary>For -Runtime custom: the Dockerfile; its folder is the build context.</summary>
    [Parameter(ParameterSetName = FromRuntime)] public string? Dockerfile { get; set; }

    /// <summary>The repository to tag into (the tag is always derived from the content); named after the first package by default.</summary>
    [Parameter(ParameterSetName = FromRuntime)] public string? Repository { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = FromFile), Alias("Config", "Path"), SupportsWildcards]
    public string ConfigPath { get; set; } = "";

    [Parameter(Position = 0, ParameterSetName = FromFile), Alias("ServerName"), SupportsWildcards]
    public string[] Name { get; set; } = [];

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FromObject)]
    public McpServerConfiguration? Configuration { get; set; }

    protected override void ProcessRecord()
    {
        IEnumerable<(string Target, ImageRecipe? Recipe)> recipes;
        try
        {
            recipes = ParameterSetName switch
            {
                // A build reads only the runtime block, so literal secrets elsewhere in the file do not stop it.
                FromFile => ConfigFiles.Load(this, ConfigPath, Name, allowPlaintextSecrets: true).Select(Of),
                FromObject => [Of(Configuration!.Config)],
                _ => [(Runtime, ParametersAsRecipe())],
            };
        }
        catch (Exception ex) when (ex is McpConfigException or ArgumentException or ItemNotFoundException)
        {
            WriteError(McpErrors.From(ex, "InvalidConfiguration", ParameterSetName == FromFile ? ConfigPath : Runtime));
            return;
        }
        foreach (var (target, recipe) in recipes) Build(target, recipe);
    }

    private void Build(string target, ImageRecipe? recipe)
    {
        if (recipe is null)
        {
            WriteError(McpErrors.Create($"MCP server '{target}' names an image to run and no runtime: there is nothing to build.", "NothingToBuild", ErrorCategory.InvalidArgument, target));
            return;
        }
        if (!ShouldProcess($"{recipe.RuntimeName} image for '{target}' in {recipe.RepositoryOrDefault}", "Build")) return;
        var activity = $"Building the {recipe.RuntimeName} image for '{target}'";
        var progress = new Relay<DockerProgress>(p => Post(() => { WriteVerbose(p.Text); WriteProgressMessage(1, activity, p.Text, p.Percent); }));
        RunForItem("BuildFailed", target, async ct =>
        {
            var image = await new McpImageBuilder(Registry.Docker).BuildAsync(recipe, progress, ct);
            Post(() => WriteProgressMessage(1, activity, image.Reused ? "Reused" : "Built", 100, completed: true));
            Post(() => WriteObject(new McpServerImage(image)));
        });
    }

    private static (string, ImageRecipe?) Of(McpServerConfig config) => (config.Name, ImageRecipe.For(config));

    private ImageRecipe ParametersAsRecipe()
    {
        var kind = Enum.Parse<RuntimeKind>(Runtime, ignoreCase: true);
        if ((kind == RuntimeKind.Custom) != (Dockerfile is not null))
            throw new ArgumentException(kind == RuntimeKind.Custom ? "-Runtime custom builds from a Dockerfile: give -Dockerfile." : "-Dockerfile goes with -Runtime custom only.");
        return new ImageRecipe
        {
            Kind = kind,
            Version = Version,
            Packages = Package,
            BaseImage = BaseImage,
            Dockerfile = Dockerfile is null ? null : GetUnresolvedProviderPathFromPSPath(Dockerfile),
            Repository = Repository,
        };
    }
}
