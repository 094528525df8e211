using System.Diagnostics;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Bench;

/// <summary>
/// The warm round trip with no SDK and no engine above the streams: echo lines over the daemon's attached stdio
/// (create → attach → start, our demultiplexer) against the same lines over a host process's pipes.
/// Their difference is what the daemon's relay adds to every call; no client code above it can win that back, so
/// it tells whether "warm a ≤ 1.5 × c" is reachable at all: a = d + s and c = e + s (s: the SDK and engine above
/// the streams) give a ≤ 1.5 c exactly when d − e ≤ 0.5 c.
/// With <c>above</c> given (the engine and the host-process SDK variants), their echo calls are timed in the same
/// blocks, taken in turn with the raw ones, so a − d and c − e come from one stretch of time: on a shared machine,
/// medians taken minutes apart differ by more than what either stack adds.
/// </summary>
public sealed class TransportFloorBench(DockerClient docker, string image, string hostEntry, string sessionId, Action<string> log)
{
    /// <summary>Each variant's echo times from the interleaved blocks, in the order given; empty when none were given.</summary>
    public IReadOnlyList<Stats> Above { get; private set; } = [];

    private const int Block = 50;
    private const int WarmupCalls = 50;

    public async Task<(Stats Attach, Stats HostPipes)> RunAsync(int calls, CancellationToken ct, params IBenchVariant[] above)
    {
        try
        {
            foreach (var variant in above) await variant.StartAsync(ct);
            return await RunRawAsync(calls, above, ct);
        }
        finally
        {
            // After the floor's own container is gone: the engine variant's stop checks that the session left none.
            foreach (var variant in above)
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await variant.StopAsync(limit.Token);
            }
        }
    }

    private async Task<(Stats Attach, Stats HostPipes)> RunRawAsync(int calls, IBenchVariant[] above, CancellationToken ct)
    {
        await using var container = await AttachedContainer.LaunchAsync(
            docker, new ContainerLaunchSpec { Image = image }, "bench-floor", sessionId, ct: ct);
        using var host = StartHostProcess();
        try
        {
            var attach = new RawJsonRpcPeer(container.Stdin, container.Stdout);
            var pipes = new RawJsonRpcPeer(host.StandardInput.BaseStream, host.StandardOutput.BaseStream);
            await attach.InitializeAsync(ct);
            await pipes.InitializeAsync(ct);
            for (int i = 0; i < WarmupCalls; i++)
            {
                await attach.EchoAsync(ct);
                await pipes.EchoAsync(ct);
            }

            foreach (var variant in above)
                for (int i = 0; i < WarmupCalls; i++) await variant.EchoAsync("x", ct);

            var attachMs = new double[calls];
            var pipesMs = new double[calls];
            var aboveMs = above.Select(_ => new double[calls]).ToArray();
            for (int done = 0; done < calls; done += Block)
            {
                int end = Math.Min(done + Block, calls);
                await TimeAsync(attach.EchoAsync, attachMs, done, end, ct);
                await TimeAsync(pipes.EchoAsync, pipesMs, done, end, ct);
                for (int v = 0; v < above.Length; v++)
                    await TimeAsync(token => above[v].EchoAsync("x", token), aboveMs[v], done, end, ct);
            }
            Above = [.. aboveMs.Select(Stats.Of)];
            log($"transport floor: {calls} raw echo round trips each over attached stdio and host pipes done" +
                (above.Length > 0 ? $", interleaved with {calls} calls each of {string.Join(", ", above.Select(v => v.Key))}" : ""));
            return (Stats.Of(attachMs), Stats.Of(pipesMs));
        }
        finally
        {
            host.StandardInput.Close();
            if (!host.WaitForExit(5000)) host.Kill(entireProcessTree: true);
        }
    }

    private Process StartHostProcess()
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(hostEntry);
        info.ArgumentList.Add("stdio");
        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        process.BeginErrorReadLine(); // drained, not shown: the server's banner is not the bench's output
        return process;
    }

    private static async Task TimeAsync(Func<CancellationToken, Task> echo, double[] ms, int from, int to, CancellationToken ct)
    {
        for (int i = from; i < to; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            await echo(ct);
            ms[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
    }
}
