using System.Runtime.Versioning;
using System.Text.Json;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Servers;
using ContainerMcp.Engine.Tests.Fixtures;

namespace ContainerMcp.Engine.Tests.Servers;

/// <summary>Named networks made on demand, internal networks with no way out, read-only volumes, and the isolation report.</summary>
[Collection(EngineCollection.Name)]
public sealed class NetworkIsolationTests(EngineFixture fixture)
{
    [Fact]
    public async Task Server_on_an_internal_network_queries_its_database_and_reaches_nothing_else()
    {
        var network = EngineFixture.UniqueName("cmcp-test-net");
        await Assert.ThrowsAsync<DockerNetworkNotFoundException>(() => fixture.Docker.InspectNetworkAsync(network));
        var databaseName = DatabaseContainer.NewName();
        var toDatabase = await StartPostgresServerAsync("pg-internal", databaseName, network, fixture.Rig.PgServerPassword);
        // The host's own rig PostgreSQL, by the docker0 bridge's address: a local address, one a server with any route out would reach.
        var hostAddress = await HostAddressOnDefaultBridgeAsync();
        var hostUrl = $"postgresql://reader@{hostAddress}:{new Uri(fixture.Rig.PostgresUrl).Port}/app";
        var toHost = await StartPostgresServerAsync("pg-escape", hostUrl, network, fixture.Rig.PostgresPassword);
        try
        {
            var made = await fixture.Docker.InspectNetworkAsync(network);
            Assert.True(made.Internal);
            Assert.Equal("true", made.Labels![ContainerLabels.Managed]);
            Assert.Equal("true", made.Options![ManagedNetworks.InhibitHostAddress]);

            await using var database = await DatabaseContainer.StartAsync(fixture.Docker, fixture.Rig, databaseName, network, fixture.Registry.SessionId);

            var rows = await toDatabase.CallToolAsync("query", ToolCallTests.Args(("sql", "select name from origin")));
            Assert.False(rows.IsError, rows.Text);
            Assert.Equal("containermcp/pgserver", JsonDocument.Parse(rows.Text).RootElement[0].GetProperty("name").GetString());

            var inspect = await fixture.Docker.InspectContainerAsync(toDatabase.ContainerId);
            Assert.Equal([network], inspect.NetworkSettings!.Networks!.Keys);
            var escape = await FailureOfAsync(toHost, "select 1");
            Assert.Contains("EHOSTUNREACH", escape); // no route: not even refused, the packet never reaches this machine

            var report = await new IsolationInspector(fixture.Docker).InspectAsync(toDatabase);
            Assert.True(report.IsIsolated, string.Join(" ", report.Reasons));
            Assert.Equal([new ReachableNetwork(network, Internal: true, ReachesHost: false)], report.Networks);
        }
        finally
        {
            await fixture.Registry.StopAsync(toDatabase.Name);
            await fixture.Registry.StopAsync(toHost.Name);
        }
        // The database container went with its 'await using', the servers with their stop: the network went with the last.
        await Assert.ThrowsAsync<DockerNetworkNotFoundException>(() => fixture.Docker.InspectNetworkAsync(network));
    }

    /// <summary>This machine's own address on Docker's default bridge. The bridge interface is read rather than the
    /// network's IPAM gateway: on a daemon's very first start that IPAM config may carry no gateway at all.</summary>
    private async Task<string> HostAddressOnDefaultBridgeAsync()
    {
        var bridge = await fixture.Docker.InspectNetworkAsync("bridge");
        var interfaceName = (bridge.Options?.TryGetValue("com.docker.network.bridge.name", out var name) == true ? name : null) ?? "docker0";
        var address = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.Name == interfaceName)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .FirstOrDefault(ip => ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)?.ToString()
            ?? bridge.IPAM?.Config?.Select(config => config.Gateway).FirstOrDefault(gateway => !string.IsNullOrEmpty(gateway));
        Assert.False(string.IsNullOrEmpty(address), $"no IPv4 address of this machine on the '{interfaceName}' bridge, and no IPAM gateway");
        return address!;
    }

    [Fact]
    public async Task Network_made_for_servers_is_removed_when_the_last_of_them_stops()
    {
        var network = EngineFixture.UniqueName("cmcp-test-net");
        var first = await fixture.Registry.StartAsync(OnNetwork(fixture.EverythingDefinition(EngineFixture.UniqueName("net-a")), network));
        var second = await fixture.Registry.StartAsync(OnNetwork(fixture.EverythingDefinition(EngineFixture.UniqueName("net-b")), network));
        try
        {
            await fixture.Registry.StopAsync(first.Name);
            Assert.Equal(network, (await fixture.Docker.InspectNetworkAsync(network)).Name); // still used by the second
        }
        finally
        {
            await fixture.Registry.StopAsync(first.Name);
            await fixture.Registry.StopAsync(second.Name);
        }
        await Assert.ThrowsAsync<DockerNetworkNotFoundException>(() => fixture.Docker.InspectNetworkAsync(network));
    }

    [Fact]
    public async Task Existing_network_with_a_route_out_is_refused_for_an_internal_server()
    {
        var network = EngineFixture.UniqueName("cmcp-test-net");
        await fixture.Docker.CreateNetworkAsync(new() { Name = network, Labels = ContainerLabels.ForNetwork() });
        try
        {
            var definition = OnNetwork(fixture.EverythingDefinition(EngineFixture.UniqueName("net-open")), network);

            var error = await Assert.ThrowsAsync<ContainerNetworkException>(() => fixture.Registry.StartAsync(definition));

            Assert.Contains($"Network '{network}' exists but is not internal", error.Message);
            Assert.Empty(await fixture.ContainersOfAsync(definition.Name));
            Assert.False((await fixture.Docker.InspectNetworkAsync(network)).Internal); // someone's network is left as it was
        }
        finally
        {
            await fixture.Docker.RemoveNetworkAsync(network);
        }
    }

    [Fact]
    public async Task Isolation_holds_for_the_defaults()
    {
        var report = await new IsolationInspector(fixture.Docker).InspectAsync(fixture.Everything);

        Assert.True(report.IsIsolated, string.Join(" ", report.Reasons));
        Assert.Equal(fixture.Everything.ContainerId, report.ContainerId);
        Assert.All(report.Checks, c => Assert.True(c.Passed, c.Detail));
        Assert.Empty(report.Networks);
    }

    [Fact]
    public async Task Weakened_server_is_not_isolated_and_the_reasons_say_why()
    {
        var definition = fixture.EverythingDefinition(EngineFixture.UniqueName("weak"));
        definition = definition with
        {
            Container = definition.Container with { User = "0", ReadOnlyRootFilesystem = false, AddCapabilities = ["NET_RAW"], Network = "bridge" },
        };
        var server = await fixture.Registry.StartAsync(definition);
        try
        {
            var report = await new IsolationInspector(fixture.Docker).InspectAsync(server);

            Assert.False(report.IsIsolated);
            Assert.Equal(
                [IsolationInspector.NonRootUser, IsolationInspector.ReadOnlyRootFilesystem, IsolationInspector.CapabilitiesDropped, IsolationInspector.InternalNetworksOnly],
                report.Checks.Where(c => !c.Passed).Select(c => c.Name));
            Assert.Contains(report.Reasons, r => r.Contains("runs as root"));
            Assert.Contains(report.Reasons, r => r.Contains("NET_RAW"));
            Assert.Contains(report.Reasons, r => r.Contains("route out: bridge"));
            Assert.Equal([new ReachableNetwork("bridge", Internal: false, ReachesHost: true)], report.Networks);
        }
        finally
        {
            await fixture.Registry.StopAsync(definition.Name);
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")] // a bind mount of a host directory: the daemon runs on this (Linux) machine
    public async Task Volume_is_read_only_unless_it_says_rw()
    {
        var dir = Directory.CreateTempSubdirectory("containermcp-volume-");
        try
        {
            // World-writable, so only the mount's mode can stop the container's user (10001).
            File.SetUnixFileMode(dir.FullName, (UnixFileMode)0b111_111_111);

            Assert.Equal("EROFS", await WriteFromContainerAsync($"{dir.FullName}:/data"));
            Assert.False(File.Exists(Path.Combine(dir.FullName, "x")));

            Assert.Equal("WROTE", await WriteFromContainerAsync($"{dir.FullName}:/data:rw"));
            Assert.True(File.Exists(Path.Combine(dir.FullName, "x")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Runs node in a container with the volume at /data, tries to write /data/x, and returns what it printed.</summary>
    private async Task<string> WriteFromContainerAsync(string volume)
    {
        var spec = new ContainerLaunchSpec
        {
            Image = fixture.Rig.NodeImage,
            Command = ["-e", "try { require('fs').writeFileSync('/data/x', 'x'); console.log('WROTE') } catch (e) { console.log(e.code) }"],
            Volumes = [volume],
        };
        await using var container = await AttachedContainer.LaunchAsync(fixture.Docker, spec, EngineFixture.UniqueName("volume"), fixture.Registry.SessionId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var reader = new StreamReader(container.Stdout);
        return (await reader.ReadToEndAsync(timeout.Token)).Trim();
    }

    private Task<ManagedServer> StartPostgresServerAsync(string prefix, string hostOrUrl, string network, string password)
    {
        var url = hostOrUrl.StartsWith("postgresql://") ? hostOrUrl : $"postgresql://reader@{hostOrUrl}:5432/app";
        return fixture.Registry.StartAsync(new McpServerDefinition(EngineFixture.UniqueName(prefix), new ContainerLaunchSpec
        {
            Image = fixture.Rig.PostgresImage,
            Command = [url],
            Network = network,
            InternalNetwork = true,
            Environment = new Dictionary<string, string> { ["PGPASSWORD"] = password },
        }));
    }

    private static McpServerDefinition OnNetwork(McpServerDefinition definition, string network) =>
        definition with { Container = definition.Container with { Network = network, InternalNetwork = true } };

    /// <summary>Why a query failed, whether the server reports it as a tool error or a protocol error.</summary>
    private static async Task<string> FailureOfAsync(ManagedServer server, string sql)
    {
        try
        {
            var result = await server.CallToolAsync("query", ToolCallTests.Args(("sql", sql)));
            Assert.True(result.IsError, $"The query reached a database: {result.Text}");
            return result.Text;
        }
        catch (McpServerException ex)
        {
            return ex.Message;
        }
    }
}
