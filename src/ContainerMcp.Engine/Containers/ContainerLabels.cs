using System.Diagnostics;
using System.Globalization;

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

    /// <summary>On a volume: it holds a server's state (see <see cref="StateVolumes"/>), kept until removed on purpose.</summary>
    public const string State = Prefix + "state";

    /// <summary>When the owning process started (ISO-8601, UTC): a later process that reuses its pid is not its owner.</summary>
    public const string OwnerStarted = Prefix + "owner.started";

    private static readonly string CurrentProcessStarted = StartedValue(CurrentProcessStartTime());

    /// <summary>The labels for one server's container, owned by this process and registry session.</summary>
    public static Dictionary<string, string> For(string serverName, string sessionId) => new()
    {
        [Managed] = "true",
        [Server] = serverName,
        [OwnerPid] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        [OwnerHost] = Environment.MachineName,
        [OwnerStarted] = CurrentProcessStarted,
        [Session] = sessionId,
    };

    /// <summary>
    /// The labels for a network created for servers: ours, and who made it. A network is shared by the servers that
    /// name it, across sessions, so it names no server or session; it is removed when no container uses it.
    /// </summary>
    public static Dictionary<string, string> ForNetwork() => new()
    {
        [Managed] = "true",
        [OwnerPid] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        [OwnerHost] = Environment.MachineName,
        [OwnerStarted] = CurrentProcessStarted,
    };

    /// <summary>The <see cref="OwnerStarted"/> value for a process start time.</summary>
    public static string StartedValue(DateTime startTime) =>
        startTime.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);

    private static DateTime CurrentProcessStartTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.StartTime;
    }
}
