namespace ContainerMcp.Engine.Docker;

/// <summary>What a request was about, so a 404 can say which thing is missing.</summary>
internal readonly record struct DockerTarget(DockerTargetKind Kind, string Name)
{
    public static DockerTarget None { get; } = new(DockerTargetKind.None, "");

    public static DockerTarget Container(string id) => new(DockerTargetKind.Container, id);

    public static DockerTarget Image(string image) => new(DockerTargetKind.Image, image);

    public static DockerTarget Network(string network) => new(DockerTargetKind.Network, network);

    public static DockerTarget Volume(string volume) => new(DockerTargetKind.Volume, volume);
}

internal enum DockerTargetKind
{
    None,
    Container,
    Image,
    Network,
    Volume,
}

/// <summary>Maps a daemon's error answer to the typed exception callers catch.</summary>
internal static class DockerErrors
{
    /// <summary><c>path</c> is the API path without version prefix or query, e.g. <c>/containers/create</c>.</summary>
    public static DockerEngineException FromResponse(int status, string? daemonMessage, string method, string path, DockerTarget target)
    {
        switch (status)
        {
            case 404 when target.Kind == DockerTargetKind.Container:
                return new DockerContainerNotFoundException(target.Name, daemonMessage);

            // Create also answers 404 for a missing network or volume; only "No such image" is about the image.
            case 404 when target.Kind == DockerTargetKind.Image &&
                          (daemonMessage is null || daemonMessage.Contains("No such image", StringComparison.OrdinalIgnoreCase)):
                return new DockerImageNotFoundException(target.Name, daemonMessage);

            case 404 when target.Kind == DockerTargetKind.Network:
                return new DockerNetworkNotFoundException(target.Name, daemonMessage);

            case 404 when target.Kind == DockerTargetKind.Volume:
                return new DockerVolumeNotFoundException(target.Name, daemonMessage);

            // Removing a network answers 403 while a container still has an endpoint on it.
            case 403 when target.Kind == DockerTargetKind.Network:
                return new DockerConflictException(
                    $"Network '{target.Name}' is still in use, so {method} {path} was refused: {daemonMessage ?? "no details given"}", daemonMessage);

            case 409:
                return new DockerConflictException(
                    $"The Docker engine refused {method} {path} because of a conflict: {daemonMessage ?? "no details given"}", daemonMessage);

            default:
                return new DockerEngineException(
                    $"Docker engine error {status} on {method} {path}: {daemonMessage ?? "no details given"}", status, daemonMessage);
        }
    }
}
