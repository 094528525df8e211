
namespace ContainerMcp;

/// <summary>
/// A server of this session, as the pipeline sees it. Properties read the live server, so State and Uptime are
/// current. Environment values are never shown: they may hold secrets (only their names are).
/// </summary>
public sealed class McpServer
{
    internal McpServer(EngineServer server) => Server = server;

    /// <summary>The engine's server; internal, so it stays out of views and of PowerShell's reach.</summary>
    internal EngineServer Server { get; }

    public string Name => Server.Name;

    /// <summary>Same as <see cref="Name"/>: lets a server bind to the -ServerName of other cmdlets by property name.</summary>
    public string ServerName => Server.Name;

    public string Image => Server.Image;
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
    public string Network => Server.Definition.Container.Network;
    public string[] Command => Server.Definition.Container.Command?.ToArray() ?? [];
    public string[] EnvironmentNames => Server.Definition.Container.Environment.Keys.Order().ToArray();
    public string[] IncludeTool => Server.Definition.Tools.Include.ToArray();
    public string[] ExcludeTool => Server.Definition.Tools.Exclude.ToArray();

    /// <summary>How many tools the server offers (after the filters), once they have been listed.</summary>
    public int? ToolCount => Server.ToolCount;

    /// <summary>How the container ended, when it ended without being asked to.</summary>
    public string? ExitReason => Server.Exit is { } exit ? "Container " + exit.Describe() : null;

    public string? LastError => Server.State == Engine.Servers.McpServerState.Exited
        ? ExitReason + (Server.GetStderr(1) is [var line] ? ": " + line : "")
        : null;

    public override string ToString() => Name;
}
