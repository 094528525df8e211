namespace ContainerMcp.Engine;

/// <summary>
/// Base of every exception the engine throws on purpose. Its message says what failed and what to do next in the
/// engine's own terms (configuration keys, environment variables); <see cref="Kind"/> and <see cref="NextStep"/> let a
/// front end map it to its own categories and name its own commands, which the engine knows nothing of.
/// </summary>
public abstract class EngineException(string message, Exception? inner = null) : Exception(message, inner)
{
    public virtual EngineErrorKind Kind => EngineErrorKind.InvalidOperation;
    public virtual NextStep NextStep => NextStep.None;
}

/// <summary>What kind of failure it was.</summary>
public enum EngineErrorKind
{
    InvalidOperation,
    NotFound,
    AlreadyExists,
    Busy,
    Unavailable,
    Unreachable,
    Timeout,
    InvalidArgument,
    InvalidData,
    Refused,
    Protocol,
}

/// <summary>The step a front end can phrase as one of its commands, beyond what the message already says.</summary>
public enum NextStep
{
    None,

    /// <summary>Start a server (none of that name runs).</summary>
    StartServer,

    /// <summary>Stop a server to make room.</summary>
    StopServer,

    /// <summary>List the tools the server offers.</summary>
    ListTools,

    /// <summary>Start the server again with another tool selection.</summary>
    SelectTools,

    /// <summary>Build the image from a runtime installed here, or on a local base image.</summary>
    BuildFromRuntime,

    /// <summary>Build an image from the npm package the user named where an image was expected.</summary>
    BuildFromPackage,

    /// <summary>Build the missing image here, or pull it where a registry is reachable.</summary>
    BuildOrPullImage,

    /// <summary>Name a base image that already has the packages.</summary>
    NameBaseImage,

    /// <summary>Pull the image where a registry is reachable.</summary>
    PullImage,

    /// <summary>Accept literal secrets in this configuration after all.</summary>
    AllowPlaintextSecret,

    /// <summary>Set the environment variable the configuration names (its key).</summary>
    SetVariable,

    /// <summary>Add the secret the configuration names (its key) to a vault.</summary>
    AddSecret,

    /// <summary>Raise the server's limit on the size of one message (max_message_mb).</summary>
    RaiseMessageLimit,
}
