using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Docker.Models;

namespace ContainerMcp.Engine.Tests.Fixtures;

/// <summary>
/// A network of the test's own ("upstream") with small HTTP servers on it, each answering every request with its own
/// name: what an egress proxy is let through to, or not. Disposing removes the servers and the network.
/// </summary>
public sealed class UpstreamServers : IAsyncDisposable
{
    public const int Port = 8080;
    private readonly DockerClient _docker;
    private readonly List<string> _ids = [];

    private UpstreamServers(DockerClient docker, string network)
    {
        _docker = docker;
        Network = network;
    }

    public string Network { get; }

    /// <summary>The servers' names (their host names on <see cref="Network"/>), in order.</summary>
    public List<string> Names { get; } = [];

    /// <summary>Their addresses on <see cref="Network"/>, by name.</summary>
    public Dictionary<string, string> Addresses { get; } = [];

    /// <summary>This machine's address on the network: its gateway.</summary>
    public string Gateway { get; private set; } = "";

    public static async Task<UpstreamServers> StartAsync(DockerClient docker, Rig rig, string sessionId, int count = 2)
    {
        var network = EngineFixture.UniqueName("containermcp-test-upstream");
        await docker.CreateNetworkAsync(new NetworkCreateRequest { Name = network, Labels = new() { ["io.containermcp.test"] = "egress" } });
        var upstream = new UpstreamServers(docker, network);
        try
        {
            for (var i = 0; i < count; i++) await upstream.AddAsync(rig, sessionId, EngineFixture.UniqueName($"upstream-{(char)('a' + i)}"));
            upstream.Gateway = (await docker.InspectNetworkAsync(network)).IPAM?.Config?.Select(c => c.Gateway).FirstOrDefault(g => !string.IsNullOrEmpty(g))
                ?? throw new InvalidOperationException($"Network {network} has no gateway.");
            return upstream;
        }
        catch
        {
            await upstream.DisposeAsync();
            throw;
        }
    }

    private async Task AddAsync(Rig rig, string sessionId, string name)
    {
        var script = $"require('http').createServer((q, r) => r.end('{name}\\n')).listen({Port}, () => console.log('listening'))";
        var created = await _docker.CreateContainerAsync(new ContainerCreateRequest
        {
            Image = rig.NodeImage,
            Cmd = ["-e", script],
            Labels = ContainerLabels.For(name, sessionId),
            HostConfig = new HostConfig
            {
                NetworkMode = Network, CapDrop = ["ALL"], SecurityOpt = ["no-new-privileges:true"], ReadonlyRootfs = true,
                Memory = 64L * 1024 * 1024, MemorySwap = 64L * 1024 * 1024,
            },
        }, name);
        _ids.Add(created.Id);
        Names.Add(name);
        await _docker.StartContainerAsync(created.Id);
        await Eventually.TrueAsync(async () => (await _docker.InspectContainerAsync(created.Id)).NetworkSettings?.Networks?.GetValueOrDefault(Network)?.IPAddress is { Length: > 0 },
            $"{name} has an address");
        Addresses[name] = (await _docker.InspectContainerAsync(created.Id)).NetworkSettings!.Networks![Network].IPAddress!;
        await Eventually.TrueAsync(async () => (await LogsAsync(created.Id)).Contains("listening"), $"{name} listens");
    }

    private static async Task<string> LogsAsync(string id)
    {
        var info = new System.Diagnostics.ProcessStartInfo("docker", ["logs", id]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await stdout + await stderr;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _ids)
        {
            try { await _docker.RemoveContainerAsync(id, force: true); }
            catch (DockerContainerNotFoundException) { }
        }
        try { await _docker.RemoveNetworkAsync(Network); }
        catch (DockerNetworkNotFoundException) { }
    }
}
