using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace ContainerMcp.Engine.Egress;

/// <summary>
/// Parses allow-list entries: <c>host[:port]</c>, <c>*.domain[:port]</c>, an IPv4 address or CIDR as written
/// (<c>203.0.113.7:443</c>, <c>203.0.113.0/24:443</c>), IPv6 in brackets (<c>[2001:db8::1]:443</c>). The port
/// defaults to 443. An entry naming this machine or a private range is refused unless it is on the private list,
/// which says so on purpose; loopback is refused even there, since in the proxy it is the proxy itself.
/// </summary>
public static partial class EgressAllowList
{
    public const int DefaultPort = 443;

    /// <summary>Names that mean this machine wherever they are used; in the proxy they would mean the proxy or the host.</summary>
    private static readonly string[] MachineNames =
        ["localhost", "host.docker.internal", "gateway.docker.internal", "host.containers.internal", "host-gateway"];

    /// <summary>Loopback and "this host": in the proxy they are the proxy itself, never a destination.</summary>
    public static readonly IReadOnlyList<IPNetwork> Loopback =
        [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("::/128")];

    /// <summary>Private, link-local and shared ranges: reachable only through entries on the private list.</summary>
    public static readonly IReadOnlyList<IPNetwork> PrivateRanges =
    [
        IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"),
    ];

    /// <summary>
    /// Parses both lists into rules, in order (duplicates dropped).
    /// </summary>
    /// <param name="allow">Public destinations.</param>
    /// <param name="allowPrivate">Destinations that may be private addresses (containers on your networks, the Docker gateway, the LAN).</param>
    /// <param name="allowKey">How the first list is called where the user wrote it (<c>egress.allow</c>, <c>-AllowEgress</c>), for errors.</param>
    /// <param name="privateKey">Likewise for the second.</param>
    /// <exception cref="ArgumentException">An entry is malformed, or names this machine or a private range on the public list; the message names it.</exception>
    public static IReadOnlyList<EgressRule> Parse(IEnumerable<string> allow, IEnumerable<string>? allowPrivate = null,
        string allowKey = "egress.allow", string privateKey = "egress.allow_private")
    {
        var rules = new List<EgressRule>();
        foreach (var entry in allow) rules.Add(ParseEntry(entry, isPrivate: false, allowKey, privateKey));
        foreach (var entry in allowPrivate ?? []) rules.Add(ParseEntry(entry, isPrivate: true, privateKey, privateKey));
        return rules.DistinctBy(r => (r.ToString(), r.Private)).ToList();
    }

    /// <summary>One entry; <paramref name="key"/> is the list it came from, for the error.</summary>
    public static EgressRule ParseEntry(string entry, bool isPrivate, string key = "egress.allow", string privateKey = "egress.allow_private")
    {
        var text = (entry ?? "").Trim();
        string Bad(string why) => $"{key} entry '{entry}' {why}.";
        if (text.Length == 0) throw new ArgumentException(Bad("is empty: write a host and port, e.g. api.example.com:443"));
        if (text.Contains("://", StringComparison.Ordinal))
            throw new ArgumentException(Bad("is a URL: write only the host and port, e.g. api.example.com:443"));

        var (host, portText) = SplitPort(text, Bad);
        var port = DefaultPort;
        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            throw new ArgumentException(Bad($"has port '{portText}', which is not a number from 1 to 65535"));

        var rule = host.StartsWith('[') ? ParseIPv6(host, port, isPrivate, Bad) : ParseHostOrIPv4(host, port, isPrivate, Bad);
        CheckReach(rule, isPrivate, Bad, privateKey);
        return rule;
    }

    private static (string Host, string? Port) SplitPort(string text, Func<string, string> bad)
    {
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0) throw new ArgumentException(bad("opens '[' without closing it: write IPv6 as [2001:db8::1]:443"));
            var rest = text[(close + 1)..];
            if (rest.Length == 0) return (text, null);
            if (rest[0] != ':') throw new ArgumentException(bad("has text after ']' that is not ':port'"));
            return (text[..(close + 1)], rest[1..]);
        }
        var colons = text.Count(c => c == ':');
        if (colons > 1) throw new ArgumentException(bad("looks like an IPv6 address: write it in brackets, e.g. [2001:db8::1]:443"));
        var at = text.LastIndexOf(':');
        return at < 0 ? (text, null) : (text[..at], text[(at + 1)..]);
    }

    private static EgressRule ParseIPv6(string host, int port, bool isPrivate, Func<string, string> bad)
    {
        var inner = host[1..^1];
        var (address, prefix) = SplitPrefix(inner, 128, bad);
        if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
            throw new ArgumentException(bad($"has '{address}' in brackets, which is not an IPv6 address"));
        return Network(ip, prefix, 128, port, isPrivate, bad);
    }

    private static EgressRule ParseHostOrIPv4(string host, int port, bool isPrivate, Func<string, string> bad)
    {
        if (host.Length == 0) throw new ArgumentException(bad("has no host before its port"));
        var (address, prefix) = SplitPrefix(host, 32, bad);
        if (DottedQuad().IsMatch(address))
        {
            var parts = address.Split('.');
            if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || p.Length > 1 && p[0] == '0' || int.Parse(p, CultureInfo.InvariantCulture) > 255)
                || !IPAddress.TryParse(address, out var ip))
                throw new ArgumentException(bad($"has '{address}', which is not an IPv4 address (four numbers from 0 to 255, no leading zeros)"));
            return Network(ip, prefix, 32, port, isPrivate, bad);
        }
        if (prefix is not null) throw new ArgumentException(bad("has a '/' range on a host name: ranges are for IP addresses, e.g. 203.0.113.0/24:443"));

        var name = host.ToLowerInvariant().TrimEnd('.');
        var subdomains = name.StartsWith("*.", StringComparison.Ordinal);
        var baseName = subdomains ? name[2..] : name;
        if (baseName.Contains('*'))
            throw new ArgumentException(bad("has a '*' that is not a leading '*.': a wildcard stands only for subdomains, e.g. *.example.org:443"));
        if (baseName.Length > 253 || !HostName().IsMatch(baseName))
            throw new ArgumentException(bad($"has '{host}', which is not a host name (letters, digits, '-' and '_' in dot-separated labels)"));
        if (subdomains && !baseName.Contains('.'))
            throw new ArgumentException(bad($"allows every name under '{baseName}': a wildcard needs a domain of at least two labels, e.g. *.example.org"));
        return new EgressRule(subdomains ? EgressTargetKind.Subdomains : EgressTargetKind.Host, baseName, port, isPrivate);
    }

    private static (string Address, int? Prefix) SplitPrefix(string text, int max, Func<string, string> bad)
    {
        var slash = text.IndexOf('/');
        if (slash < 0) return (text, null);
        var prefixText = text[(slash + 1)..];
        if (!int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > max)
            throw new ArgumentException(bad($"has range '/{prefixText}', which is not a prefix length from 0 to {max}"));
        return (text[..slash], prefix);
    }

    private static EgressRule Network(IPAddress ip, int? prefix, int max, int port, bool isPrivate, Func<string, string> bad)
    {
        var length = prefix ?? max;
        var network = new IPNetwork(Masked(ip, length), length);
        if (!network.BaseAddress.Equals(ip))
            throw new ArgumentException(bad($"has host bits set in its range: the range is {network}"));
        return length == max
            ? new EgressRule(EgressTargetKind.Address, ip.ToString(), port, isPrivate) { Network = network }
            : new EgressRule(EgressTargetKind.Range, network.ToString(), port, isPrivate) { Network = network };
    }

    private static IPAddress Masked(IPAddress ip, int length)
    {
        var bytes = ip.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(length - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }

    /// <summary>Loopback is refused everywhere; this machine's names and private ranges only off the private list.</summary>
    private static void CheckReach(EgressRule rule, bool isPrivate, Func<string, string> bad, string privateKey)
    {
        if (rule.Network is { } network)
        {
            if (Loopback.Any(l => Overlaps(l, network)))
                throw new ArgumentException(bad("names a loopback address, which in the proxy is the proxy itself: to reach a service on this machine, " +
                    $"list the Docker gateway's address (e.g. 172.17.0.1:5432) under {privateKey}"));
            if (!isPrivate && PrivateRanges.Where(p => Overlaps(p, network)).Select(p => p.ToString()).FirstOrDefault() is { } range)
                throw new ArgumentException(bad($"reaches the private range {range}: if that is meant, list it under {privateKey} instead"));
            return;
        }
        var name = rule.Target;
        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal) || rule.Kind == EgressTargetKind.Subdomains && name == "localhost")
            throw new ArgumentException(bad("names localhost, which in the proxy is the proxy itself: to reach a service on this machine, " +
                $"list the Docker gateway's address (e.g. 172.17.0.1:5432) under {privateKey}"));
        if (MachineNames.Contains(name) || rule.Kind == EgressTargetKind.Subdomains && "docker.internal".EndsWith(name, StringComparison.Ordinal))
            throw new ArgumentException(bad("names this machine, which the proxy does not resolve: list the Docker gateway's address " +
                $"(e.g. 172.17.0.1:5432) under {privateKey} to reach a service here"));
    }

    private static bool Overlaps(IPNetwork a, IPNetwork b) =>
        a.BaseAddress.AddressFamily == b.BaseAddress.AddressFamily && (a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress));

    [GeneratedRegex(@"^[0-9.]+$")]
    private static partial Regex DottedQuad();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$")]
    private static partial Regex HostName();
}
