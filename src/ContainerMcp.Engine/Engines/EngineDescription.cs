namespace ContainerMcp.Engine.Engines;

/// <summary>Docker's engine or Podman's, as its <c>/version</c> tells.</summary>
public enum EngineKind
{
    Docker,
    Podman,
}

/// <summary>
/// An engine candidate as Get-McpEngine shows it. A reachable one carries what it says of itself (kind, version, API
/// version, operating system, rootless); an unreachable one only its name, endpoint and <see cref="Problem"/>.
/// </summary>
public sealed record EngineDescription(string Name, string Endpoint, string Source)
{
    public bool Reachable { get; init; }

    /// <summary>Why the engine could not be reached or used; null when it answered.</summary>
    public string? Problem { get; init; }

    public EngineKind? Kind { get; init; }
    public string? Version { get; init; }
    public string? ApiVersion { get; init; }

    /// <summary>The engine's operating system family (<c>linux</c>, <c>windows</c>).</summary>
    public string? Os { get; init; }

    /// <summary>The engine host's operating system as it names it, e.g. "Debian GNU/Linux 12 (bookworm)".</summary>
    public string? OperatingSystem { get; init; }

    /// <summary>True when the engine runs without root (its security options include <c>name=rootless</c>).</summary>
    public bool? Rootless { get; init; }

    /// <summary>True for the engine servers and image commands use when none is named.</summary>
    public bool IsDefault { get; init; }
}
