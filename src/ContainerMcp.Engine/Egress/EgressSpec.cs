namespace ContainerMcp.Engine.Egress;

/// <summary>
/// How a server reaches out: only to <see cref="Rules"/>, through its own Squid proxy in <see cref="ProxyImage"/>, which
/// goes out over <see cref="Network"/>. The server itself sits on an internal network of its own with no route out.
/// </summary>
public sealed record EgressSpec
{
    /// <summary>The image the rig builds from Debian's squid package (tests/rig/lib.sh); taken when none is named.</summary>
    public const string DefaultProxyImage = "containermcp/squid:local";

    public required IReadOnlyList<EgressRule> Rules { get; init; }

    /// <summary>An image with squid (5 or later) on its PATH and a POSIX /bin/sh: ContainerMcp writes the configuration and runs it.</summary>
    public string ProxyImage { get; init; } = DefaultProxyImage;

    /// <summary>The proxy's way out: <c>bridge</c> unless a network is named (an existing one, e.g. where the upstreams run).</summary>
    public string Network { get; init; } = "bridge";
}
