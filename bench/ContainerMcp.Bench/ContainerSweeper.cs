using System.Diagnostics;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Bench;

/// <summary>
/// Makes sure the bench leaves no container behind. The engine's containers carry its session label; the baseline's
/// carry <see cref="RunLabel"/>. Only containers with one of those labels are ever removed: other engineers' test
/// containers of the same image are reported, never touched.
/// </summary>
public sealed class ContainerSweeper(DockerClient docker, string image, string engineSessionId)
{
    private const string BenchLabelKey = "io.containermcp.bench.run";
    private static readonly TimeSpan GoneLimit = TimeSpan.FromSeconds(15);

    private readonly string _runId = Guid.NewGuid().ToString("n")[..12];

    public string RunLabel => $"{BenchLabelKey}={_runId}";

    /// <summary>
    /// After the SDK has ended <c>docker run</c>: the container ends with its stdin and <c>--rm</c> removes it.
    /// Waits for that, so the next cold start begins from nothing; forces removal if it takes too long.
    /// </summary>
    public async Task WaitUntilBaselineGoneAsync(CancellationToken ct)
    {
        var labels = new Dictionary<string, string?> { [BenchLabelKey] = _runId };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var left = await docker.ListContainersAsync(labels, all: true, ct);
            if (left.Count == 0) return;
            if (watch.Elapsed > GoneLimit)
            {
                Console.Error.WriteLine($"warning: docker run container {left[0].ID[..12]} still there after {GoneLimit.TotalSeconds:0} s; removing it.");
                foreach (var c in left) await RemoveAsync(c.ID, ct);
                return;
            }
            await Task.Delay(20, ct);
        }
    }

    /// <summary>
    /// The end-of-run check: <c>docker ps -aq --filter ancestor=IMAGE</c>, restricted to this run's labels. Anything of ours
    /// still there is reported and removed. Never throws: it runs in finally blocks.
    /// </summary>
    public async Task FinalCheckAsync()
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var ours = new HashSet<string>();
            foreach (var label in new[] { RunLabel, $"{ContainerLabels.Session}={engineSessionId}" })
                ours.UnionWith(await DockerPsAsync(limit.Token, "--filter", $"ancestor={image}", "--filter", $"label={label}"));

            foreach (var id in ours)
            {
                Console.Error.WriteLine($"warning: bench container {id} was left behind; removing it.");
                await RemoveAsync(id, limit.Token);
            }
            int others = (await DockerPsAsync(limit.Token, "--filter", $"ancestor={image}")).Except(ours).Count();
            Console.WriteLine(ours.Count == 0
                ? $"orphan check: no bench container left (docker ps -aq --filter ancestor={image}; {others} other container(s) of that image belong to others, left alone)"
                : $"orphan check: removed {ours.Count} leftover bench container(s)");
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"warning: the orphan check failed ({ex.Message}). Look with: docker ps -a --filter label={RunLabel}");
        }
    }

    private async Task RemoveAsync(string id, CancellationToken ct)
    {
        try { await docker.RemoveContainerAsync(id, force: true, ct); }
        catch (DockerContainerNotFoundException) { }
        catch (DockerConflictException) { } // removal already in progress
    }

    private static async Task<List<string>> DockerPsAsync(CancellationToken ct, params string[] filters)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "ps", "-aq", "--no-trunc" }.Concat(filters)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start docker");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"docker ps failed: {(await stderr).Trim()}");
        return [.. (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
