using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Egress;

namespace ContainerMcp.Engine.Tests.Egress;

/// <summary>Allow-list entries: what each form means, and every bad one refused with an error that names it.</summary>
public sealed class EgressAllowListTests
{
    [Theory]
    [InlineData("api.example.com:443", EgressTargetKind.Host, "api.example.com", 443, "api.example.com:443")]
    [InlineData("API.Example.com", EgressTargetKind.Host, "api.example.com", 443, "api.example.com:443")]
    [InlineData("*.example.org:8443", EgressTargetKind.Subdomains, "example.org", 8443, "*.example.org:8443")]
    [InlineData("203.0.113.7:80", EgressTargetKind.Address, "203.0.113.7", 80, "203.0.113.7:80")]
    [InlineData("203.0.113.0/24:443", EgressTargetKind.Range, "203.0.113.0/24", 443, "203.0.113.0/24:443")]
    [InlineData("[2001:db8::1]:443", EgressTargetKind.Address, "2001:db8::1", 443, "[2001:db8::1]:443")]
    [InlineData("[2001:db8::/32]", EgressTargetKind.Range, "2001:db8::/32", 443, "[2001:db8::/32]:443")]
    public void Entry_is_read_as_written(string entry, EgressTargetKind kind, string target, int port, string canonical)
    {
        var rule = EgressAllowList.ParseEntry(entry, isPrivate: false);
        Assert.Equal((kind, target, port, false), (rule.Kind, rule.Target, rule.Port, rule.Private));
        Assert.Equal(canonical, rule.ToString());
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("https://api.example.com", "is a URL")]
    [InlineData("api.example.com:0", "not a number from 1 to 65535")]
    [InlineData("api.example.com:https", "not a number from 1 to 65535")]
    [InlineData("api.*.com:443", "leading '*.'")]
    [InlineData("*:443", "leading '*.'")]
    [InlineData("*.com:443", "at least two labels")]
    [InlineData("exa mple.com:443", "not a host name")]
    [InlineData("1.2.3:443", "not an IPv4 address")]
    [InlineData("1.2.3.256:443", "not an IPv4 address")]
    [InlineData("203.0.113.1/24:443", "host bits")]
    [InlineData("203.0.113.0/33", "prefix length")]
    [InlineData("2001:db8::1", "in brackets")]
    [InlineData("[2001:db8::1", "without closing")]
    [InlineData("example.com/24:443", "ranges are for IP addresses")]
    public void Malformed_entry_is_refused_naming_it(string entry, string why)
    {
        var error = Assert.Throws<ArgumentException>(() => EgressAllowList.Parse([entry], allowKey: "-AllowEgress"));
        Assert.StartsWith($"-AllowEgress entry '{entry}'", error.Message);
        Assert.Contains(why, error.Message);
    }

    [Theory]
    [InlineData("10.1.2.3:443", "10.0.0.0/8")]
    [InlineData("172.17.0.1:5432", "172.16.0.0/12")]
    [InlineData("192.168.1.0/24:80", "192.168.0.0/16")]
    [InlineData("169.254.169.254:80", "169.254.0.0/16")]
    [InlineData("[fd00::1]:443", "fc00::/7")]
    [InlineData("0.0.0.0/0:443", "loopback")]
    [InlineData("8.0.0.0/5:443", "10.0.0.0/8")]
    [InlineData("localhost:5432", "localhost")]
    [InlineData("127.0.0.1:55432", "loopback")]
    [InlineData("[::1]:443", "loopback")]
    [InlineData("host.docker.internal:5432", "this machine")]
    public void Entry_naming_this_machine_or_a_private_range_is_refused_on_the_public_list(string entry, string what)
    {
        var error = Assert.Throws<ArgumentException>(() => EgressAllowList.Parse([entry]));
        Assert.Contains($"'{entry}'", error.Message);
        Assert.Contains(what, error.Message);
        Assert.Contains("egress.allow_private", error.Message);
    }

    [Theory]
    [InlineData("10.1.2.3:443")]
    [InlineData("172.17.0.1:5432")]
    [InlineData("[fd00::1]:443")]
    [InlineData("upstream-a:8080")]
    public void The_private_list_says_so_on_purpose(string entry)
    {
        var rule = Assert.Single(EgressAllowList.Parse([], [entry]));
        Assert.True(rule.Private);
    }

    [Theory]
    [InlineData("localhost:5432")]
    [InlineData("127.0.0.1:55432")]
    [InlineData("host.docker.internal:5432")]
    public void Loopback_and_this_machines_names_are_refused_even_on_the_private_list(string entry)
    {
        var error = Assert.Throws<ArgumentException>(() => EgressAllowList.Parse([], [entry]));
        Assert.StartsWith($"egress.allow_private entry '{entry}'", error.Message);
        Assert.Contains("Docker gateway", error.Message);
    }

    [Fact]
    public void Squid_configuration_refuses_this_machine_and_private_addresses_around_the_allowed_pairs()
    {
        var rules = EgressAllowList.Parse(["api.example.com:443", "*.example.org:443"], ["172.18.0.1:5432", "upstream-a:8080"]);
        var conf = SquidConfiguration.Render(rules, [System.Net.IPAddress.Parse("172.17.0.1")]).Split('\n');
        var access = conf.Where(l => l.StartsWith("http_access ")).ToList();
        // Explicit private address, then this machine refused, then private names, then private refused, then public, then nothing.
        Assert.Equal(
        [
            "http_access allow containermcp_to_2 containermcp_port_2",
            "http_access deny containermcp_machine",
            "http_access allow containermcp_to_3 containermcp_port_3",
            "http_access deny containermcp_private",
            "http_access allow containermcp_to_0 containermcp_port_0",
            "http_access allow containermcp_to_1 containermcp_port_1",
            "http_access deny all",
        ], access);
        Assert.Contains("acl containermcp_to_0 dstdomain api.example.com", conf);
        Assert.Contains(@"acl containermcp_to_1 dstdom_regex -i ^.+\.example\.org$", conf);
        Assert.Contains("acl containermcp_to_2 dst 172.18.0.1/32", conf);
        Assert.Contains(conf, l => l.StartsWith("acl containermcp_machine dst 127.0.0.0/8") && l.EndsWith(" 172.17.0.1"));
        Assert.Contains("access_log stdio:/dev/stdout containermcp", conf);
    }

    [Fact]
    public void Access_log_lines_are_read_into_entries()
    {
        var denied = EgressLogParser.Parse("1796182791.516 GET upb 8080 403 TCP_DENIED")!;
        Assert.Equal(("GET", "upb:8080", 403, false), (denied.Method, denied.Destination, denied.Status, denied.Allowed));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1796182791516), denied.Time);
        var tunnel = EgressLogParser.Parse("1796182791.527 CONNECT upa 8080 200 TCP_TUNNEL")!;
        Assert.True(tunnel.Allowed);
        Assert.Null(EgressLogParser.Parse("2026/12/02 03:39:44| Accepting HTTP Socket connections"));
    }

    [Fact]
    public void Yaml_egress_block_is_read_and_a_bad_entry_is_named_at_its_line()
    {
        var server = Assert.Single(McpConfigYamlReader.Read(
            "name: gh\nimage: alpine\negress:\n  allow: [api.github.com:443, '*.githubusercontent.com']\n  allow_private: 10.0.0.5:8080\n  proxy_image: my/squid:6\n  network: out\n",
            "servers.yaml"));
        Assert.Equal(["api.github.com:443", "*.githubusercontent.com"], server.Egress!.Allow);
        Assert.Equal(["10.0.0.5:8080"], server.Egress.AllowPrivate);
        Assert.Equal(("my/squid:6", "out"), (server.Egress.ProxyImage, server.Egress.Network));

        var error = Assert.Throws<McpConfigException>(() => McpConfigYamlReader.Read(
            "name: gh\nimage: alpine\negress:\n  allow:\n    - api.github.com:443\n    - 192.168.1.10:443\n", "servers.yaml"));
        Assert.StartsWith("servers.yaml:", error.Message);
        Assert.Contains("egress.allow entry '192.168.1.10:443'", error.Message);
        Assert.Contains("egress.allow_private", error.Message);

        var both = Assert.Throws<McpConfigException>(() => McpConfigYamlReader.Read(
            "name: gh\nimage: alpine\nnetwork: pgnet\negress: { allow: [api.github.com] }\n", "servers.yaml"));
        Assert.Contains("drop one of them", both.Message);
    }

    [Fact]
    public void Yaml_egress_block_is_written_back_as_read()
    {
        var server = Assert.Single(McpConfigYamlReader.Read("name: gh\nimage: alpine\negress:\n  allow: [api.github.com:443]\n  allow_private: [upstream:8080]\n", "a.yaml"));
        var again = Assert.Single(McpConfigYamlReader.Read(McpConfigYamlWriter.Write([server]), "b.yaml"));
        Assert.Equal(server.Egress!.Allow, again.Egress!.Allow);
        Assert.Equal(server.Egress.AllowPrivate, again.Egress.AllowPrivate);
    }
}
