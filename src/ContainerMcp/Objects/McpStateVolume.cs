using ContainerMcp.Engine.Containers;

namespace ContainerMcp;

/// <summary>
/// A server's state volume (Get-McpStateVolume): kept across restarts, rotations, stops and sessions until removed
/// with Remove-McpStateVolume. It is named after the server, not after one start of it.
/// </summary>
public sealed class McpStateVolume
{
    internal McpStateVolume(StateVolume volume) => Volume = volume;

    internal StateVolume Volume { get; }

    /// <summary>The server it belongs to; a server started again under this name gets it back.</summary>
    public string ServerName => Volume.ServerName;

    public string VolumeName => Volume.Name;
    public DateTimeOffset? Created => Volume.Created;

    /// <summary>True while a container mounts it: it cannot be removed then.</summary>
    public bool InUse => Volume.UsedBy.Count > 0;

    /// <summary>The containers that mount it now.</summary>
    public string[] UsedBy => Volume.UsedBy.ToArray();

    public override string ToString() => VolumeName;
}
