namespace ContainerMcp.Engine.Containers;

/// <summary>Labels that mark a container as ContainerMcp's and say who owns it, so nothing is orphaned unseen.</summary>
public static class ContainerLabels
{
    public const string Prefix = "io.containermcp.";
    public const string Managed = Prefix + "managed";
    public const string Server = Prefix + "server";
    public const string OwnerPid = Prefix + "owner.pid";
    public const string OwnerHost = Prefix + "owner.host";
    public const string Session = Prefix + "session";

    /// <summary>The labels for one server's container, owned by this process and registry session.</summary>
    public static Dictionary<string, string> For(string serverName, string sessionId) => new()
    {
        [Managed] = "true",
        [Server] = serverName,
        [OwnerPid] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [OwnerHost] = Environment.MachineName,
        [Session] = sessionId,
    };
}
