using ContainerMcp.Engine.Engines;

namespace ContainerMcp;

/// <summary>
/// A container engine this machine describes (Get-McpEngine): a Docker context, the docker CLI's default, or Podman's
/// socket or pipe. Name is what -Engine and engine: take. An unreachable one (shown with -All) has Reachable false and
/// Problem saying why, and nothing else known.
/// </summary>
public sealed class McpEngine
{
    internal McpEngine(EngineDescription description) => Description = description;

    internal EngineDescription Description { get; }

    public string Name => Description.Name;
    public string Endpoint => Description.Endpoint;

    /// <summary>Docker or Podman; null when unreachable.</summary>
    public string? Kind => Description.Kind?.ToString();
    public string? Version => Description.Version;
    public string? ApiVersion => Description.ApiVersion;

    /// <summary>linux or windows.</summary>
    public string? Os => Description.Os;

    /// <summary>The engine host's operating system, as the engine names it.</summary>
    public string? OperatingSystem => Description.OperatingSystem;
    public bool? Rootless => Description.Rootless;

    /// <summary>True for the engine used when none is named.</summary>
    public bool IsDefault => Description.IsDefault;
    public bool Reachable => Description.Reachable;

    /// <summary>Where it was found: DOCKER_HOST, a docker context, CONTAINER_HOST, a Podman socket…</summary>
    public string Source => Description.Source;

    /// <summary>Why it cannot be reached or used; null when it answered.</summary>
    public string? Problem => Description.Problem;

    public override string ToString() => Name;
}
