namespace ContainerMcp.Engine.Config.Imports;

/// <summary>
/// A <c>docker run</c> option by its long name, whether it reads a value, and why it cannot be carried into a
/// ContainerMcp server (null when it can).
/// </summary>
internal sealed record DockerRunFlag(string Name, bool TakesValue, string? Refusal = null);

/// <summary>
/// The <c>docker run</c> (and <c>podman run</c>) options an import understands. Anything not listed is refused:
/// an option we cannot read might loosen the container, and guessing would hide that.
/// </summary>
internal static class DockerRunFlags
{
    private const string SharesNamespace = "it shares a namespace with the host or another container, which ContainerMcp keeps separate.";
    private const string PublishesPort = "it publishes a network port; ContainerMcp talks to the server over its stdio only.";

    private static readonly DockerRunFlag[] Known =
    [
        // ContainerMcp always attaches stdio, removes the container and runs an init; the image is pulled when missing.
        new("--interactive", false),
        new("--tty", false),
        new("--rm", false),
        new("--init", false),
        new("--pull", true),
        new("--name", true),

        // Already applied to every server: all capabilities dropped, no-new-privileges set.
        new("--cap-drop", true),
        new("--security-opt", true),

        new("--env", true),
        new("--volume", true),
        new("--mount", true),
        new("--network", true),
        new("--memory", true),
        new("--cpus", true),
        new("--pids-limit", true),
        new("--user", true),
        new("--read-only", false),
        new("--entrypoint", true),

        new("--env-file", true,
            "an env file cannot be carried into the configuration; list the variables under env instead, as ${env:NAME} to take each from the environment."),
        new("--privileged", false, "it gives the container every capability and device of the host."),
        new("--cap-add", true, "it gives back a kernel capability that ContainerMcp drops."),
        new("--pid", true, SharesNamespace),
        new("--ipc", true, SharesNamespace),
        new("--uts", true, SharesNamespace),
        new("--userns", true, SharesNamespace),
        new("--cgroupns", true, SharesNamespace),
        new("--device", true, "it hands a device of the host to the container."),
        new("--publish", true, PublishesPort),
        new("--publish-all", false, PublishesPort),
        new("--detach", false, "ContainerMcp talks to the server over its attached stdio, which a detached container does not have."),
    ];

    private static readonly Dictionary<string, DockerRunFlag> ByName = Known.ToDictionary(f => f.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["-i"] = "--interactive",
        ["-t"] = "--tty",
        ["-e"] = "--env",
        ["-v"] = "--volume",
        ["-m"] = "--memory",
        ["-u"] = "--user",
        ["-p"] = "--publish",
        ["-P"] = "--publish-all",
        ["-d"] = "--detach",
        ["--net"] = "--network",
    };

    /// <summary>Finds an option by how it was written (<c>-e</c>, <c>--env</c>, <c>--net</c>); null when unknown.</summary>
    public static DockerRunFlag? Find(string written) =>
        ByName.GetValueOrDefault(Aliases.GetValueOrDefault(written, written));

    public const string UnknownRefusal =
        "ContainerMcp does not know what it would do to the container's isolation, so it does not guess. " +
        "Describe the server in a ContainerMcp YAML file instead.";

    /// <summary>docker's boolean spellings; a switch written without a value means true.</summary>
    public static bool TryParseSwitch(string? value, out bool result)
    {
        switch (value?.ToLowerInvariant())
        {
            case null or "true" or "1": result = true; return true;
            case "false" or "0": result = false; return true;
            default: result = false; return false;
        }
    }
}
