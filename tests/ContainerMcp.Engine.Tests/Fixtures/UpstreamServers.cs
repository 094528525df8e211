using System.Diagnostics;
using ContainerMcp.Engine.Containers;

namespace ContainerMcp.Engine.Tests.Fixtures;

/// <summary>
/// A network of the test's own ("upstream") with small HTTP servers on it, each answering every request with its own
/// name: what an egress proxy is let through to, or not. Made with the docker CLI, as a user would make them, so the
/// fixture stays apart from the client under test. Disposing removes the servers and the network.
/// </summary>
public sealed class UpstreamServers : IAsyncDisposable
{
    public const int Port = 8080;
    private const string TestLabel = "io.containermcp.test=egress";

    private UpstreamServers(string network) => Network = network;

    public string Network { get; }

    /// <summary>The servers' names (their host names on <see cref="Network"/>), in order.</summary>
    public List<string> Names { get; } = [];

    /// <summary>Their addresses on <see cref="Network"/>, by name.</summary>
    public Dictionary<string, string> Addresses { get; } = [];

    /// <summary>This machine's address on the network: its gateway.</summary>
    public string Gateway { get; private set; } = "";

    public static async Task<UpstreamServers> StartAsync(Rig rig, string sessionId, int count = 2)
    {
        var upstream = new UpstreamServers(EngineFixture.UniqueName("containermcp-test-upstream"));
        await DockerAsync("network", "create", "--label", TestLabel, upstream.Network);
        try
        {
            for (var i = 0; i < count; i++) await upstream.AddAsync(rig, sessionId, EngineFixture.UniqueName($"upstream-{(char)('a' + i)}"));
            upstream.Gateway = await DockerAsync("network", "inspect", "-f", "{{ (index .IPAM.Config 0).Gateway }}", upstream.Network);
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
        var labels = ContainerLabels.For(name, sessionId).SelectMany(l => new[] { "--label", $"{l.Key}={l.Value}" });
        Names.Add(name);
        await DockerAsync(["run", "-d", "--name", name, "--network", Network, "--label", TestLabel, .. labels, "--read-only", "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges", "--memory", "64m", rig.NodeImage, "-e", script]);
        Addresses[name] = await DockerAsync("inspect", "-f", $"{{{{ (index .NetworkSettings.Networks \"{Network}\").IPAddress }}}}", name);
        await Eventually.TrueAsync(async () => (await DockerAsync("logs", name)).Contains("listening"), $"{name} listens");
    }

    /// <summary>Runs the docker CLI and returns its output, trimmed; fails with its stderr.</summary>
    private static async Task<string> DockerAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed: {await stderr}");
        return ((await stdout) + (arguments[0] == "logs" ? await stderr : "")).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in Names)
        {
            try { await DockerAsync("rm", "-f", name); } catch (InvalidOperationException) { }
        }
        try { await DockerAsync("network", "rm", Network); } catch (InvalidOperationException) { }
    }
}
