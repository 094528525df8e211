namespace ContainerMcp;

/// <summary>
/// A container ContainerMcp started that no live session owns any more (Get-McpServer -Orphaned); Reason says why.
/// Pipe it to Remove-McpServer to remove it.
/// </summary>
public sealed class McpOrphanedContainer
{
    internal McpOrphanedContainer(OrphanedContainer orphan, ContainerMcp.Engine.Engines.EngineConnection engine)
    {
        Orphan = orphan;
        EngineConnection = engine;
    }

    /// <summary>The engine it was found on; removal goes there.</summary>
    internal ContainerMcp.Engine.Engines.EngineConnection EngineConnection { get; }

    /// <summary>The engine it was found on, by name.</summary>
    public string Engine => EngineConnection.Name;

    /// <summary>The engine's description; internal, so it stays out of views and of PowerShell's reach.</summary>
    internal OrphanedContainer Orphan { get; }

    public string ContainerId => Orphan.Id;
    public string ShortId => Orphan.Id.Length > 12 ? Orphan.Id[..12] : Orphan.Id;

    // ContainerName and LabelledServer, not Name and ServerName: those would bind by property name to
    // Stop-McpServer -Name, and "Get-McpServer -Orphaned | Stop-McpServer" could stop a live server of that name.

    /// <summary>The container's name (containermcp-&lt;server&gt;-&lt;suffix&gt; for the containers ContainerMcp starts).</summary>
    public string ContainerName => Orphan.Name;

    /// <summary>The server name its labels give.</summary>
    public string? LabelledServer => Orphan.ServerName;
    public string Image => Orphan.Image;
    public string State => Orphan.State;
    public string Status => Orphan.Status;
    public int? OwnerPid => Orphan.OwnerPid;
    public string? OwnerHost => Orphan.OwnerHost;
    public DateTimeOffset Created => Orphan.Created;
    public string Reason => Orphan.Reason;

    public override string ToString() => ContainerName;
}
