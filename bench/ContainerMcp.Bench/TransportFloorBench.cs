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
/// </summary>
public sealed class TransportFloorBench(DockerClient docker, string image, string hostEntry, string sessionId, Action<string> log)
{
    private const int Block = 50;
    private const int WarmupCalls = 50;

    public async Task<(Stats Attach, Stats HostPipes)> RunAsync(int calls, CancellationToken ct)
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

            var attachMs = new double[calls];
            var pipesMs = new double[calls];
            for (int done = 0; done < calls; done += Block)
            {
                int end = Math.Min(done + Block, calls);
                await TimeAsync(attach, attachMs, done, end, ct);
                await TimeAsync(pipes, pipesMs, done, end, ct);
            }
            log($"transport floor: {calls} raw echo round trips each over attached stdio and host pipes done");
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

    private static async Task TimeAsync(RawJsonRpcPeer peer, double[] ms, int from, int to, CancellationToken ct)
    {
        for (int i = from; i < to; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            await peer.EchoAsync(ct);
            ms[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
    }
}
