using ContainerMcp.Engine.Config;

namespace ContainerMcp;

/// <summary>
/// A server as a configuration file describes it, not yet started. Pipe it to Start-McpServer or
/// Export-McpServerConfig. References such as ${env:NAME} stay unresolved; environment values are never shown.
/// </summary>
public sealed class McpServerConfiguration
{
    internal McpServerConfiguration(McpServerConfig config) => Config = config;

    internal McpServerConfig Config { get; }

    public string Name => Config.Name;
    public string? Image => Config.Image;

    /// <summary>The engine: the file names (a context, an engine Get-McpEngine lists, an endpoint); null for the default.</summary>
    public string? Engine => Config.Engine;

    /// <summary>The npm package run as npx would, in an image built for it.</summary>
    public string? Package => Config.Package;

    /// <summary>The runtime to build for when no image is named: "node 20", "python 3.12 (2 packages)", "custom ./Dockerfile".</summary>
    public string? Runtime => Config.Runtime is not { } runtime ? null
        : string.Join(" ", new[]
        {
            runtime.Kind.ToString().ToLowerInvariant(),
            runtime.Kind == RuntimeKind.Custom ? runtime.Dockerfile : runtime.Version,
            runtime.PreinstallPackages.Count > 0 ? $"({runtime.PreinstallPackages.Count} packages)" : null,
        }.Where(p => !string.IsNullOrEmpty(p)));

    public string[] PreinstallPackages => Config.Runtime?.PreinstallPackages.ToArray() ?? [];

    /// <summary>The package program the built image runs, when one is named (runtime.bin).</summary>
    public string? Bin => Config.Runtime?.Bin;
    public string? Command => Config.McpServer.Command;

    /// <summary>The server's arguments, with any password inside a URL masked.</summary>
    public string[] Args => Config.McpServer.Args.Select(SecretDetection.MaskUrlPassword).ToArray();

    public string[] EnvironmentNames => Config.McpServer.Env.Keys.Order().ToArray();
    public string[] Volumes => Config.Volumes.ToArray();

    /// <summary>Where the server's state volume is mounted (state: { path: }); null when it has none.</summary>
    public string? StatePath => Config.State?.Path;
    public string Network => Config.Network ?? "none";

    /// <summary>The named network has no route out (created internal when missing).</summary>
    public bool InternalNetwork => Config.InternalNetwork;

    /// <summary>The egress allow-list (egress: allow:, and allow_private:), as written; empty without one.</summary>
    public string[] AllowEgress => Config.Egress?.Allow.ToArray() ?? [];
    public string[] AllowPrivateEgress => Config.Egress?.AllowPrivate.ToArray() ?? [];
    public string? User => Config.User;
    public bool ReadOnly => Config.ReadOnly ?? true;
    public int? MemoryMB => Config.ResourceLimits.MemoryMB;
    public double? CpuCores => Config.ResourceLimits.CpuCores;
    public int? Pids => Config.ResourceLimits.Pids;
    public int? ExecutionTimeoutSeconds => Config.ResourceLimits.ExecutionTimeoutSeconds;

    /// <summary>The largest one message from the server may be, in MiB; null takes the default (16).</summary>
    public int? MaxMessageMB => Config.ResourceLimits.MaxMessageMB;
    public int? StartTimeoutSeconds => Config.McpServer.TimeoutSeconds;
    public string Strategy => Config.Lifecycle.Strategy.Name();
    public string[] IncludeTool => Config.McpServer.Tools.Include.ToArray();
    public string[] ExcludeTool => Config.McpServer.Tools.Exclude.ToArray();

    /// <summary>Where it was read: file and line.</summary>
    public string? Source => Config.Source?.ToString();

    public override string ToString() => Name;
}
