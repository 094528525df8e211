namespace ContainerMcp.Engine.Containers;

/// <summary>
/// What to run and how tightly to confine it. Every hardening default is on; each can be relaxed on purpose
/// by a caller that says so (<c>spec with { ReadOnlyRootFilesystem = false }</c>).
/// </summary>
public sealed record ContainerLaunchSpec
{
    public required string Image { get; init; }

    /// <summary>Replaces the image's CMD (the server's arguments). Null keeps the image's own.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Replaces the image's ENTRYPOINT. Null keeps the image's own.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Docker bind or named-volume strings, <c>source:container-path[:ro|rw]</c>; read-only unless <c>:rw</c> is written.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    /// <summary>
    /// Where the server's state volume is mounted read-write (<see cref="StateVolumes"/>): made on demand, kept across
    /// restarts, rotations and stops. Null mounts none, and only the /tmp tmpfs is writable.
    /// </summary>
    public string? StatePath { get; init; }

    /// <summary><c>none</c> (no network at all) unless a network is asked for: <c>host</c>, <c>bridge</c> or a network name.</summary>
    public string Network { get; init; } = "none";

    /// <summary>
    /// For a named network: it must be internal (no route out, not even to this machine), and is created so when missing.
    /// A named network that does not exist is created on demand either way, and removed once no container uses it.
    /// </summary>
    public bool InternalNetwork { get; init; }

    /// <summary>
    /// <c>uid[:gid]</c> or a user name. Null uses the image's user when it is not root, and <see cref="FallbackUser"/> when it is.
    /// </summary>
    public string? User { get; init; }

    public string? WorkingDirectory { get; init; }

    public bool ReadOnlyRootFilesystem { get; init; } = true;

    /// <summary>Size of the writable tmpfs mounted at /tmp; 0 mounts none.</summary>
    public int TmpfsSizeMB { get; init; } = 64;

    public bool DropAllCapabilities { get; init; } = true;

    public IReadOnlyList<string> AddCapabilities { get; init; } = [];

    public bool NoNewPrivileges { get; init; } = true;

    /// <summary>Hard memory limit; swap is capped at the same value so the limit is real. 0 means unlimited.</summary>
    public int MemoryMB { get; init; } = 512;

    /// <summary>CPU quota in cores; 0 means unlimited.</summary>
    public double Cpus { get; init; } = 1.0;

    /// <summary>Maximum number of processes; 0 means unlimited.</summary>
    public int PidsLimit { get; init; } = 256;

    /// <summary>Runs docker-init as PID 1 so signals reach the server and zombies are reaped.</summary>
    public bool Init { get; init; } = true;

    /// <summary>
    /// Docker logging driver. <c>none</c> by default: stdout is the JSON-RPC channel (tool arguments and results,
    /// secrets included) and must not be copied to disk; stderr is kept in memory by the engine instead.
    /// </summary>
    public string LogDriver { get; init; } = "none";

    /// <summary>Extra labels; the engine's own (<see cref="ContainerLabels"/>) always win.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The user taken when neither the spec nor the image names a non-root one ("nobody").</summary>
    public const string FallbackUser = "65534:65534";
}
