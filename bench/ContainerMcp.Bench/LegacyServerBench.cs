using System.Diagnostics;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Servers;

namespace ContainerMcp.Bench;

/// <summary>
/// Cold start (engine start + tools/list) of tests/rig/servers/legacy-server.js, a server that drops requests it does
/// not know without an answer (the SDK's <c>server/discover</c> probe included), next to server-everything's, which
/// refuses them. Rounds alternate the two; each server is stopped, and its container removed, before the next start.
/// </summary>
public sealed class LegacyServerBench(McpServerRegistry registry, RigInputs rig, Action<string> log)
{
    /// <summary>The target: the legacy server's median cold start at most this many times server-everything's.</summary>
    public const double Target = 1.10;

    private const string ServerName = "bench-legacy";

    public async Task<(Stats Everything, Stats Legacy)> RunAsync(int rounds, CancellationToken ct)
    {
        var everything = new List<double>();
        var legacy = new List<double>();
        var everythingSpec = new ContainerLaunchSpec { Image = rig.Image };
        var legacySpec = new ContainerLaunchSpec
        {
            Image = rig.NodeImage, // its entrypoint is node
            Command = ["/srv/legacy-server.js"],
            Volumes = [$"{rig.ServersDir}:/srv:ro"],
        };
        for (int round = 1; round <= rounds; round++)
        {
            everything.Add(await ColdStartAsync(everythingSpec, ct));
            legacy.Add(await ColdStartAsync(legacySpec, ct));
            log($"legacy-server round {round}/{rounds}: server-everything {everything[^1],7:0.0} ms  legacy-server {legacy[^1],7:0.0} ms");
        }
        return (Stats.Of(everything), Stats.Of(legacy));
    }

    private async Task<double> ColdStartAsync(ContainerLaunchSpec spec, CancellationToken ct)
    {
        try
        {
            long t0 = Stopwatch.GetTimestamp();
            var server = await registry.StartAsync(new McpServerDefinition(ServerName, spec), ct: ct);
            await server.ListToolsAsync(refresh: true, ct);
            return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
        finally
        {
            await registry.StopAsync(ServerName, CancellationToken.None);
        }
    }
}
