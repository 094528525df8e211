namespace ContainerMcp.Engine.Config;

/// <summary>
/// The <c>egress</c> block: the destinations a server may reach (through a Squid proxy beside it) and nothing else.
/// Entries are kept as written; <see cref="Egress.EgressAllowList"/> parses them.
/// </summary>
public sealed record EgressConfig
{
    /// <summary>Public destinations: <c>host[:port]</c>, <c>*.domain[:port]</c>, an IP address or CIDR as written; port 443 when none is given.</summary>
    public IReadOnlyList<string> Allow { get; init; } = [];

    /// <summary>Destinations that may be private addresses (containers on your networks, the Docker gateway, the LAN): said on purpose.</summary>
    public IReadOnlyList<string> AllowPrivate { get; init; } = [];

    /// <summary>The proxy's image; null takes <see cref="Egress.EgressSpec.DefaultProxyImage"/>.</summary>
    public string? ProxyImage { get; init; }

    /// <summary>The network the proxy goes out on; null takes <c>bridge</c>.</summary>
    public string? Network { get; init; }
}
