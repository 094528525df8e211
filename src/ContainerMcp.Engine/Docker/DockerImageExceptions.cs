namespace ContainerMcp.Engine.Docker;

/// <summary>An image build failed: a Dockerfile step or the daemon reported an error.</summary>
public sealed class DockerImageBuildException : DockerEngineException
{
    public DockerImageBuildException(string image, string reason, int? statusCode = null, Exception? innerException = null)
        : base($"Building image '{image}' failed: {reason}", statusCode, reason, innerException)
    {
        Image = image;
        Reason = reason;
    }

    public string Image { get; }

    /// <summary>The daemon's own words.</summary>
    public string Reason { get; }
    public override EngineErrorKind Kind => EngineErrorKind.InvalidOperation;
}

/// <summary>A pull failed; <see cref="RegistryUnreachable"/> says whether the registry could not be reached at all.</summary>
public sealed class DockerPullException : DockerEngineException
{
    public DockerPullException(string image, string reason, bool registryUnreachable, int? statusCode = null)
        : base(registryUnreachable
                ? $"Cannot pull '{image}': no container registry is reachable from the Docker engine ({reason}). " +
                  "Build the image from a runtime installed on this machine instead (runtime: node or python), " +
                  "or name an image that is already local as the base (runtime.base_image)."
                : $"Cannot pull '{image}': {reason}",
            statusCode, reason)
    {
        Image = image;
        RegistryUnreachable = registryUnreachable;
    }

    public string Image { get; }
    public bool RegistryUnreachable { get; }
    public override EngineErrorKind Kind => RegistryUnreachable ? EngineErrorKind.Unreachable : EngineErrorKind.Unavailable;
    public override NextStep NextStep => RegistryUnreachable ? NextStep.BuildFromRuntime : NextStep.None;
}
