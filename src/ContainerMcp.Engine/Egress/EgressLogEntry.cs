using System.Globalization;

namespace ContainerMcp.Engine.Egress;

/// <summary>
/// One request a server made through its egress proxy: when, how (CONNECT for a tunnel, GET … for plain HTTP), to where,
/// and whether the allow-list let it through. <see cref="Result"/> is Squid's own word for it (TCP_TUNNEL, TCP_DENIED …).
/// </summary>
public sealed record EgressLogEntry(DateTimeOffset Time, string Method, string Host, int Port, int Status, string Result)
{
    /// <summary>False when the proxy refused it by its allow-list; true when it was let through (even if the destination then failed).</summary>
    public bool Allowed => !Result.Contains("DENIED", StringComparison.Ordinal);

    /// <summary>host:port, IPv6 in brackets.</summary>
    public string Destination => (Host.Contains(':') ? $"[{Host}]" : Host) + (Port > 0 ? ":" + Port.ToString(CultureInfo.InvariantCulture) : "");

    public override string ToString() =>
        $"{Time:O} {Method} {Destination} {(Allowed ? "allowed" : "denied")} ({Status} {Result})";
}

/// <summary>Reads the proxy's access-log lines (<see cref="SquidConfiguration.LogFormat"/>); anything else is not an entry.</summary>
public static class EgressLogParser
{
    public static EgressLogEntry? Parse(string line)
    {
        var parts = (line ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6) return null;
        if (!double.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)) return null;
        var port = int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        var status = int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var host = parts[2].StartsWith('[') && parts[2].EndsWith(']') ? parts[2][1..^1] : parts[2];
        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        return new EgressLogEntry(time, parts[1], host, port, status, parts[5]);
    }
}
