using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ContainerMcp.Engine.Egress;

/// <summary>
/// Writes the squid.conf of a server's egress proxy: CONNECT and plain HTTP only to the allowed host:port pairs, nothing
/// cached or kept on disk, every request logged to stdout in a form <see cref="EgressLogParser"/> reads.
/// </summary>
/// <remarks>
/// Rule order is the policy. Explicit private addresses and ranges first (the only way to the Docker gateway); then this
/// machine (loopback, the gateways of the proxy's networks) is refused; then private-list names; then every other private
/// address is refused, so a public entry whose name resolves to a private address is refused too; then the public
/// entries; then everything else is refused.
/// </remarks>
public static class SquidConfiguration
{
    public const int Port = 3128;

    /// <summary>The access log's format: seconds.millis method host port status squid-result.</summary>
    public const string LogFormat = "%ts.%03tu %rm %>rd %>rP %>Hs %Ss";

    public static string Render(IReadOnlyList<EgressRule> rules, IEnumerable<IPAddress> gateways)
    {
        var conf = new StringBuilder();
        void Line(string text) => conf.Append(text).Append('\n');

        Line($"http_port {Port}");
        Line("visible_hostname containermcp-egress");
        Line("pid_filename none");
        Line("cache deny all");
        Line("cache_mem 0 MB");
        Line("coredump_dir /tmp");
        Line("netdb_filename none");
        Line("pinger_enable off");
        Line("digest_generation off");
        Line("shutdown_lifetime 1 seconds");
        Line("via off");
        Line("forwarded_for delete");
        Line("httpd_suppress_version_string on");
        Line("strip_query_terms on");
        Line($"logformat containermcp {LogFormat}");
        Line("access_log stdio:/dev/stdout containermcp");
        Line("cache_log stdio:/dev/stderr");

        var machine = EgressAllowList.Loopback.Select(n => n.ToString())
            .Concat(gateways.Select(g => g.ToString())).Distinct();
        Line($"acl containermcp_machine dst {string.Join(' ', machine)}");
        Line($"acl containermcp_private dst {string.Join(' ', EgressAllowList.PrivateRanges)}");
        for (var i = 0; i < rules.Count; i++)
        {
            Line($"acl containermcp_to_{i} {Destination(rules[i])}");
            Line($"acl containermcp_port_{i} port {rules[i].Port}");
        }

        void Allow(Func<EgressRule, bool> which)
        {
            for (var i = 0; i < rules.Count; i++)
                if (which(rules[i])) Line($"http_access allow containermcp_to_{i} containermcp_port_{i}");
        }
        Allow(r => r.Private && r.Network is not null);
        Line("http_access deny containermcp_machine");
        Allow(r => r.Private && r.Network is null);
        Line("http_access deny containermcp_private");
        Allow(r => !r.Private);
        Line("http_access deny all");
        return conf.ToString();
    }

    /// <summary>The ACL type and value: an exact name, a regular expression for subdomains only, or an address or range.</summary>
    private static string Destination(EgressRule rule) => rule.Kind switch
    {
        EgressTargetKind.Host => $"dstdomain {rule.Target}",
        EgressTargetKind.Subdomains => $"dstdom_regex -i ^.+\\.{Regex.Escape(rule.Target)}$",
        _ => $"dst {rule.Network}",
    };
}
