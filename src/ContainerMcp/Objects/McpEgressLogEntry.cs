using ContainerMcp.Engine.Egress;

namespace ContainerMcp;

/// <summary>
/// One request a server made through its egress proxy (Get-McpServerLog -Egress): when, the method (CONNECT for a
/// tunnel, GET … for plain HTTP), the host:port, and whether its allow-list let it through.
/// </summary>
public sealed class McpEgressLogEntry
{
    internal McpEgressLogEntry(string serverName, EgressLogEntry entry)
    {
        ServerName = serverName;
        Time = entry.Time.ToLocalTime();
        Method = entry.Method;
        Destination = entry.Destination;
        Host = entry.Host;
        Port = entry.Port;
        Allowed = entry.Allowed;
        Status = entry.Status;
        Result = entry.Result;
    }

    public string ServerName { get; }
    public DateTimeOffset Time { get; }
    public string Method { get; }

    /// <summary>host:port, as the server asked for it.</summary>
    public string Destination { get; }
    public string Host { get; }
    public int Port { get; }

    /// <summary>False when the allow-list refused it (the server got 403); true when it was let through.</summary>
    public bool Allowed { get; }

    /// <summary>The HTTP status the proxy answered (403 for a refusal).</summary>
    public int Status { get; }

    /// <summary>Squid's word for what happened: TCP_TUNNEL, TCP_MISS, TCP_DENIED …</summary>
    public string Result { get; }

    public override string ToString() => $"{Time:u} {Method} {Destination} {(Allowed ? "allowed" : "denied")}";
}
