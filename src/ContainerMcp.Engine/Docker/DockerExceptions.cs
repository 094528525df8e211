namespace ContainerMcp.Engine.Docker;

/// <summary>The Docker engine refused or failed a request. Subclasses name the common, actionable cases.</summary>
public class DockerEngineException : EngineException
{
    public DockerEngineException(string message, int? statusCode = null, string? daemonMessage = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        DaemonMessage = daemonMessage;
    }

    public override EngineErrorKind Kind => EngineErrorKind.Unavailable;

    /// <summary>HTTP status the daemon answered with; null when no answer was received.</summary>
    public int? StatusCode { get; }

    /// <summary>The <c>message</c> field of the daemon's JSON error body, when it sent one.</summary>
    public string? DaemonMessage { get; }
}

/// <summary>No connection to the daemon could be made (socket missing, permission denied, refused, TLS failed).</summary>
public sealed class DockerUnreachableException : DockerEngineException
{
    internal const string CheckDaemon = "Is dockerd running, and may this user use its socket?";
    internal const string CheckCertificates =
        "Connect by a name the daemon's certificate carries (DOCKER_HOST), and check the certificates in DOCKER_CERT_PATH.";

    public DockerUnreachableException(DockerEndpoint endpoint, string reason, Exception? innerException = null)
        : this(endpoint, reason, innerException, CheckDaemon)
    {
    }

    internal DockerUnreachableException(DockerEndpoint endpoint, string reason, Exception? innerException, string nextStep)
        : base($"Cannot reach the Docker engine at {endpoint}: {reason}. {nextStep}", innerException: innerException)
    {
        Endpoint = endpoint;
    }

    public DockerEndpoint Endpoint { get; }

    public override EngineErrorKind Kind => EngineErrorKind.Unreachable;

    /// <summary>
    /// The unreachable engine behind a failure, however deeply wrapped (a launch, a handshake): what tells "the engine
    /// is gone" apart from "the container died". Null when the engine answered, whatever it said.
    /// </summary>
    public static DockerUnreachableException? FindIn(Exception? failure)
    {
        for (var ex = failure; ex is not null; ex = ex.InnerException)
        {
            if (ex is DockerUnreachableException unreachable) return unreachable;
            if (ex is AggregateException { InnerExceptions.Count: 1 } aggregate) return FindIn(aggregate.InnerExceptions[0]);
        }
        return null;
    }
}

/// <summary>
/// The image is not in the daemon's local store; nothing is pulled implicitly. Where it was needed to run something,
/// the next step is to build it or pull it; where it was only to be removed or described, there is none.
/// </summary>
public sealed class DockerImageNotFoundException : DockerEngineException
{
    public DockerImageNotFoundException(string image, string? daemonMessage = null, bool needed = true)
        : base(needed
                ? $"Image '{image}' is not on this Docker engine, and nothing is pulled implicitly: build it here, or pull it where a registry is reachable."
                : $"Image '{image}' is not on this Docker engine.", 404, daemonMessage)
    {
        Image = image;
        NextStep = needed ? NextStep.BuildOrPullImage : NextStep.None;
    }

    public string Image { get; }
    public override EngineErrorKind Kind => EngineErrorKind.NotFound;
    public override NextStep NextStep { get; }
}

/// <summary>The container does not exist (never created, or already removed).</summary>
public sealed class DockerContainerNotFoundException : DockerEngineException
{
    public DockerContainerNotFoundException(string containerId, string? daemonMessage = null)
        : base($"Container '{containerId}' does not exist; it may have been removed already.", 404, daemonMessage)
    {
        ContainerId = containerId;
    }

    public string ContainerId { get; }
}

/// <summary>The network does not exist (never created, or already removed).</summary>
public sealed class DockerNetworkNotFoundException : DockerEngineException
{
    public DockerNetworkNotFoundException(string network, string? daemonMessage = null)
        : base($"Network '{network}' does not exist; it may have been removed already.", 404, daemonMessage)
    {
        Network = network;
    }

    public string Network { get; }
}

/// <summary>The volume does not exist (never created, or already removed).</summary>
public sealed class DockerVolumeNotFoundException : DockerEngineException
{
    public DockerVolumeNotFoundException(string volume, string? daemonMessage = null)
        : base($"Volume '{volume}' does not exist; it may have been removed already.", 404, daemonMessage)
    {
        Volume = volume;
    }

    public string Volume { get; }
    public override EngineErrorKind Kind => EngineErrorKind.NotFound;
}

/// <summary>HTTP 409 (403 for a network in use): the request clashes with a container's or network's state, e.g. a name in use or a removal in progress.</summary>
public sealed class DockerConflictException : DockerEngineException
{
    public DockerConflictException(string message, string? daemonMessage = null)
        : base(message, 409, daemonMessage)
    {
    }

    public override EngineErrorKind Kind => EngineErrorKind.Busy;
}
