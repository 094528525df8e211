using ContainerMcp.Engine.Audit;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Egress;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;
using ContainerMcp.Engine.Tests.Servers;

namespace ContainerMcp.Engine.Tests.Egress;

/// <summary>
/// Egress by allow-list against the real Squid: a server (tests/rig/servers/egress-server.js) whose allow-list names
/// one of two upstream HTTP servers on the test's own network reaches it through its proxy, is refused the other, the
/// Docker gateway (this machine, where the rig's PostgreSQL runs) and any other port, reaches nothing directly, and
/// every refusal shows in its egress log and the audit log. Nothing of ours is left after.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class EgressProxyTests(EngineFixture fixture)
{
    private static readonly string ServersDir = Path.Combine(RepoPaths.Root, "tests", "rig", "servers");

    [Fact]
    public async Task Server_reaches_only_its_allowed_upstream_through_the_proxy_and_nothing_directly()
    {
        var auditPath = Path.Combine(Path.GetTempPath(), $"containermcp-egress-audit-{Guid.NewGuid():n}.log");
        await using var registry = new McpServerRegistry(fixture.Docker) { Audit = new AuditLog(new AuditLogOptions { Path = auditPath }) };
        await using var upstream = await UpstreamServers.StartAsync(fixture.Rig, registry.SessionId);
        var (allowed, other) = (upstream.Names[0], upstream.Names[1]);
        var pgPort = new Uri(fixture.Rig.PostgresUrl).Port;
        var server = await registry.StartAsync(EgressServer(EngineFixture.UniqueName("egress"), upstream.Network,
            allowPrivate: [$"{allowed}:{UpstreamServers.Port}"]));
        string proxyId, internalNetwork;
        try
        {
            proxyId = server.EgressProxy!.ContainerId;
            internalNetwork = server.EgressProxy.InternalNetwork;

            // Through the proxy: the allowed one by plain HTTP and by CONNECT; the other one, another port, this machine: refused.
            Assert.Equal($"200 {allowed}", await CallAsync(server, "fetch", ("url", $"http://{allowed}:{UpstreamServers.Port}/")));
            Assert.Equal($"CONNECT 200 {allowed}", await CallAsync(server, "connect", ("host", allowed), ("port", UpstreamServers.Port)));
            Assert.Equal("403", await CallAsync(server, "fetch", ("url", $"http://{other}:{UpstreamServers.Port}/")));
            Assert.Equal("CONNECT 403", await CallAsync(server, "connect", ("host", other), ("port", UpstreamServers.Port)));
            Assert.Equal("CONNECT 403", await CallAsync(server, "connect", ("host", allowed), ("port", 9090)));
            Assert.Equal("403", await CallAsync(server, "fetch", ("url", $"http://{upstream.Gateway}:{pgPort}/")));
            Assert.Equal("CONNECT 403", await CallAsync(server, "connect", ("host", upstream.Gateway), ("port", pgPort)));

            // Around the proxy: nothing, not the allowed upstream, not the other, not this machine.
            foreach (var (host, port) in new[] { (upstream.Addresses[allowed], UpstreamServers.Port), (upstream.Addresses[other], UpstreamServers.Port),
                         (upstream.Gateway, pgPort), ("127.0.0.1", pgPort) })
            {
                var direct = await CallAsync(server, "fetch_direct", ("host", host), ("port", port));
                Assert.StartsWith("error", direct);
            }

            // The log says what was let through and what was refused (Squid writes a line once a request is done, so
            // it is waited for), and so does the audit log.
            await Eventually.TrueAsync(() => server.EgressLog.Tail().Count >= 7, "the proxy logged the seven requests");
            var log = server.EgressLog.Tail();
            Assert.Contains(log, e => e.Allowed && e.Method == "GET" && e.Destination == $"{allowed}:{UpstreamServers.Port}");
            Assert.Contains(log, e => e.Allowed && e.Method == "CONNECT" && e.Destination == $"{allowed}:{UpstreamServers.Port}");
            Assert.Contains(log, e => !e.Allowed && e.Method == "GET" && e.Destination == $"{other}:{UpstreamServers.Port}" && e.Status == 403);
            Assert.Contains(log, e => !e.Allowed && e.Method == "CONNECT" && e.Destination == $"{upstream.Gateway}:{pgPort}");
            await Eventually.TrueAsync(() => File.Exists(auditPath) && AuditLogReader.Read(auditPath, new AuditQuery())
                .Any(r => r.Event == AuditEvents.Egress && r.Outcome == "denied" && r.Destination == $"{other}:{UpstreamServers.Port}"), "the denial is in the audit log");

            // Its only way out is the proxy, and the proxy is shut in like a server.
            var report = await new IsolationInspector(fixture.Docker).InspectAsync(server);
            Assert.True(report.IsIsolated, string.Join(" ", report.Reasons));
            Assert.Contains(report.Checks, c => c.Name == IsolationInspector.EgressOnlyThroughProxy && c.Passed);
            Assert.Equal([$"{allowed}:{UpstreamServers.Port} (private)"], report.EgressAllowList);
            var proxy = await fixture.Docker.InspectContainerAsync(proxyId);
            Assert.True(proxy.HostConfig.ReadonlyRootfs);
            Assert.Equal(["ALL"], proxy.HostConfig.CapDrop);
            Assert.False(HardenedContainerRequest.IsRoot(proxy.Config.User ?? ""));
            Assert.Equal(EgressProxy.Role, proxy.Config.Labels![EgressProxy.RoleLabel]);
            Assert.Equal(server.Name, proxy.Config.Labels[ContainerLabels.Server]);

            // With its proxy gone the server reaches nothing (it fails closed), and the isolation check says why.
            await fixture.Docker.KillContainerAsync(proxyId);
            await Eventually.TrueAsync(async () => !(await fixture.Docker.InspectContainerAsync(proxyId)).State.Running, "the proxy stopped");
            Assert.StartsWith("error", await CallAsync(server, "fetch", ("url", $"http://{allowed}:{UpstreamServers.Port}/")));
            var without = await new IsolationInspector(fixture.Docker).InspectAsync(server);
            Assert.False(without.IsIsolated);
            Assert.Contains(without.Checks, c => c.Name == IsolationInspector.EgressOnlyThroughProxy && !c.Passed && c.Detail.Contains("not running"));
        }
        finally
        {
            await registry.StopAsync(server.Name);
            File.Delete(auditPath);
        }
        Assert.Empty(await fixture.ContainersOfAsync(server.Name));
        Assert.True(await fixture.IsRemovedAsync(proxyId));
        await Assert.ThrowsAsync<DockerNetworkNotFoundException>(() => fixture.Docker.InspectNetworkAsync(internalNetwork));
    }

    [Fact]
    public async Task A_public_entry_whose_name_is_a_private_address_is_refused()
    {
        await using var upstream = await UpstreamServers.StartAsync(fixture.Rig, fixture.Registry.SessionId, count: 1);
        var name = upstream.Names[0];
        var server = await fixture.Registry.StartAsync(EgressServer(EngineFixture.UniqueName("egress-public"), upstream.Network,
            allow: [$"{name}:{UpstreamServers.Port}"]));
        try
        {
            Assert.Equal("403", await CallAsync(server, "fetch", ("url", $"http://{name}:{UpstreamServers.Port}/")));
            await Eventually.TrueAsync(() => server.EgressLog.Tail().Any(e => !e.Allowed && e.Host == name), "the refusal is logged");
        }
        finally
        {
            await fixture.Registry.StopAsync(server.Name);
        }
        Assert.Empty(await fixture.ContainersOfAsync(server.Name));
    }

    [Fact]
    public async Task A_missing_proxy_image_fails_the_start_naming_it_and_leaves_nothing()
    {
        var name = EngineFixture.UniqueName("egress-noimage");
        var definition = EgressServer(name, "bridge", allow: ["api.example.com:443"]);
        definition = definition with { Egress = definition.Egress! with { ProxyImage = "containermcp/no-such-squid:none" } };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Registry.StartAsync(definition));
        Assert.Contains("containermcp/no-such-squid:none", error.ToString());
        Assert.Contains("egress.proxy_image", error.ToString());
        Assert.Empty(await fixture.ContainersOfAsync(name));
        Assert.DoesNotContain(await fixture.Docker.ListNetworksAsync(), n => n.Name.StartsWith($"containermcp-egress-{name}-", StringComparison.Ordinal));
    }

    private McpServerDefinition EgressServer(string name, string egressNetwork, string[]? allow = null, string[]? allowPrivate = null) =>
        new(name, new ContainerLaunchSpec
        {
            Image = fixture.Rig.NodeImage,
            Command = ["/srv/egress-server.js"],
            Volumes = [$"{ServersDir}:/srv:ro"],
        })
        {
            Egress = new EgressSpec
            {
                Rules = EgressAllowList.Parse(allow ?? [], allowPrivate),
                ProxyImage = fixture.Rig.SquidImage,
                Network = egressNetwork,
            },
        };

    private static async Task<string> CallAsync(ManagedServer server, string tool, params (string, object?)[] arguments)
    {
        var result = await server.CallToolAsync(tool, ToolCallTests.Args(arguments));
        Assert.False(result.IsError, result.Text);
        return result.Text;
    }
}
