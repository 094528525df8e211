using System.Diagnostics;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Servers;

namespace ContainerMcp.Bench;

/// <summary>
/// First-call latency by start strategy: always-on pays the cold start in the call that needs the server (start,
/// then the first echo); pre-warmed started in the background earlier, so its first echo finds a running server.
/// Rounds alternate the two; each server is stopped, and its container removed, before the next round.
/// </summary>
public sealed class FirstCallBench(McpServerRegistry registry, string image, Action<string> log)
{
    private const string ServerName = "bench-first-call";

    public async Task<(Stats AlwaysOn, Stats PreWarmed)> RunAsync(int rounds, CancellationToken ct)
    {
        var alwaysOn = new List<double>();
        var preWarmed = new List<double>();
        for (int round = 1; round <= rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var server = await registry.StartAsync(Definition(LifecycleStrategy.AlwaysOn), ct: ct);
            await EchoAsync(server, ct);
            alwaysOn.Add(clock.Elapsed.TotalMilliseconds);
            await registry.StopAsync(ServerName, ct);

            server = await registry.StartAsync(Definition(LifecycleStrategy.PreWarmed), ct: ct);
            // The caller's own work before its first call; by then the background start has finished.
            while (server.State == McpServerState.Starting) await Task.Delay(10, ct);
            clock.Restart();
            await EchoAsync(server, ct);
            preWarmed.Add(clock.Elapsed.TotalMilliseconds);
            await registry.StopAsync(ServerName, ct);

            log($"first call round {round}/{rounds}: always-on {alwaysOn[^1],7:0.0} ms  pre-warmed {preWarmed[^1],7:0.00} ms");
        }
        return (Stats.Of(alwaysOn), Stats.Of(preWarmed));
    }

    private McpServerDefinition Definition(LifecycleStrategy strategy) =>
        new(ServerName, new ContainerLaunchSpec { Image = image }) { Strategy = strategy };

    private static async Task EchoAsync(ManagedServer server, CancellationToken ct)
    {
        var result = await server.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "first" }, ct: ct);
        if (result.IsError) throw new InvalidOperationException($"first-call echo reported an error: {result.Text}");
    }
}
