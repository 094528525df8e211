using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Images;

namespace ContainerMcp.Support;

/// <summary>Build-McpServerImage's -Runtime parameter set: an image described by parameters, as a recipe.</summary>
public abstract class ImageParametersCmdlet : McpCmdlet
{
    protected const string FromRuntime = "Runtime";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FromRuntime), ValidateSet("node", "python", "custom")]
    public string Runtime { get; set; } = "";

    [Parameter(ParameterSetName = FromRuntime)] public string[] Package { get; set; } = [];
    [Parameter(ParameterSetName = FromRuntime), ArgumentCompleter(typeof(Completers.ImageNameCompleter))] public string? BaseImage { get; set; }
    [Parameter(ParameterSetName = FromRuntime)] public string? Version { get; set; }

    /// <summary>For -Runtime custom: the Dockerfile; its folder is the build context.</summary>
    [Parameter(ParameterSetName = FromRuntime)] public string? Dockerfile { get; set; }

    /// <summary>The repository to tag into (the tag is always derived from the content); named after the first package by default.</summary>
    [Parameter(ParameterSetName = FromRuntime)] public string? Repository { get; set; }

    protected ImageRecipe ParametersAsRecipe()
    {
        var kind = Enum.Parse<RuntimeKind>(Runtime, ignoreCase: true);
        if ((kind == RuntimeKind.Custom) != (Dockerfile is not null))
            throw new ArgumentException(kind == RuntimeKind.Custom ? "-Runtime custom builds from a Dockerfile: give -Dockerfile." : "-Dockerfile goes with -Runtime custom only.");
        if (BaseImage is not null) Engine.Docker.ImageReference.Validate(BaseImage);
        // The tag is always made from the content, so a repository is a reference without one.
        if (Repository is not null && Engine.Docker.ImageReference.Parse(Repository) is { Tag: not null } or { Digest: not null })
            throw new ArgumentException($"-Repository '{Repository}' names a repository, without a tag or digest: the tag is made from what the image is built from.");
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
