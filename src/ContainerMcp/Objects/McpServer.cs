namespace ContainerMcp;

/// <summary>
/// A server of this session, as the pipeline sees it. Properties read the live server, so State and Uptime are
/// current. Environment values are never shown: they may hold secrets (only their names are).
/// </summary>
public sealed class McpServer
{
    internal McpServer(ManagedServer server) => Server = server;

    /// <summary>The engine's server; internal, so it stays out of views and of PowerShell's reach.</summary>
    internal ManagedServer Server { get; }

    public string Name => Server.Name;

    /// <summary>Same as <see cref="Name"/>: lets a server bind to the -ServerName of other cmdlets by property name.</summary>
    public string ServerName => Server.Name;

    public string Image => Server.Image;

    /// <summary>The engine its containers run on, by the name it was chosen by (default, a context, podman, an endpoint).</summary>
    public string Engine => Server.Engine.Name;

    /// <summary>That engine's endpoint, e.g. unix:///var/run/docker.sock.</summary>
    public string EngineEndpoint => Server.Engine.Endpoint.ToString();
    public string State => Server.State.ToString();
    public string ContainerId => Server.ContainerId;
    public string ShortId => Server.ContainerId.Length > 12 ? Server.ContainerId[..12] : Server.ContainerId;
    public string ContainerName => Server.ContainerName;
    public DateTimeOffset StartedAt => Server.StartedAt;
    public DateTimeOffset? EndedAt => Server.EndedAt;
    public TimeSpan Uptime => Server.Uptime;
    public string? ServerInfoName => Server.Identity?.Name;
    public string? ServerInfoVersion => Server.Identity?.Version;
    public string? ProtocolVersion => Server.Identity?.ProtocolVersion;
    public string? Instructions => Server.Identity?.Instructions;
    public bool HasTools => Server.Identity?.HasTools ?? false;
    public bool HasResources => Server.Identity?.HasResources ?? false;
    public bool HasPrompts => Server.Identity?.HasPrompts ?? false;
    /// <summary>Where its state volume is mounted read-write; null when it has none.</summary>
    public string? StatePath => Server.Definition.Container.StatePath;

    /// <summary>With an allow-list, the internal network it shares with its egress proxy while a container runs.</summary>
    public string Network => Server.EgressProxy?.InternalNetwork ?? Server.Definition.Container.Network;
    public bool InternalNetwork => Server.Definition.Egress is not null || Server.Definition.Container.InternalNetwork;

    /// <summary>What it may reach through its egress proxy (host:port, "(private)" for the private list); empty without one.</summary>
    public string[] AllowEgress => Server.Definition.Egress?.Rules.Select(r => r.Label).ToArray() ?? [];

    /// <summary>The egress proxy's container, while one runs.</summary>
    public string? EgressProxy => Server.EgressProxy?.ContainerName;
    public string[] Command => Server.Definition.Container.Command?.ToArray() ?? [];
    public string[] EnvironmentNames => Server.Definition.Container.Environment.Keys.Order().ToArray();
    public string[] IncludeTool => Server.Definition.Tools.Include.ToArray();
    public string[] ExcludeTool => Server.Definition.Tools.Exclude.ToArray();

    /// <summary>How many tools the server offers (after the filters), once they have been listed.</summary>
    public int? ToolCount => Server.ToolCount;

    /// <summary>always-on, on-demand or pre-warmed.</summary>
    public string Strategy => ContainerMcp.Engine.Config.LifecycleStrategyNames.Name(Server.Definition.Strategy);

    /// <summary>Containers started again after one died.</summary>
    public int Restarts => Server.RestartCount;

    /// <summary>Containers replaced on rotation.</summary>
    public int Rotations => Server.RotationCount;

    /// <summary>Tool calls made.</summary>
    public long Calls => Server.CallCount;

    /// <summary>Tool calls that failed or returned a tool error.</summary>
    public long Failures => Server.Statistics.Failures;

    /// <summary>Average duration of the recent calls (the last 512), in milliseconds; null before the first call.</summary>
    public double? AverageMs => Server.Statistics.Durations() is { } d ? Math.Round(d.Average, 1) : null;

    /// <summary>95th percentile duration of the recent calls (the last 512), in milliseconds; null before the first call.</summary>
    public double? P95Ms => Server.Statistics.Durations() is { } d ? Math.Round(d.P95, 1) : null;

    /// <summary>How the last container that died ended, with its last stderr line.</summary>
    public string? ExitReason => Server.LastExitReason;

    /// <summary>Health from the last background check (when health_check_interval_seconds is set).</summary>
    public string? Health => Server.LastHealth?.Status.ToString();

    public string? LastError => Server.State switch
    {
        ContainerMcp.Engine.Servers.McpServerState.Failed => Server.FailureReason,
        ContainerMcp.Engine.Servers.McpServerState.Exited or ContainerMcp.Engine.Servers.McpServerState.Restarting => Server.LastExitReason,
        ContainerMcp.Engine.Servers.McpServerState.WaitingForEngine => Server.EngineWaitReason,
        _ => Server.LastHealth is { Status: not HealthStatus.Healthy } health ? health.LastError ?? health.Reason : null,
    };

    public override string ToString() => Name;
}
