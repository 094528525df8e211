using System.Diagnostics;

namespace ContainerMcp.Bench;

/// <summary>Raw samples of one variant: cold starts in ms, warm echo round trips in ms, stops (untimed by the
/// targets, kept for the record) in ms.</summary>
public sealed class VariantSamples(IBenchVariant variant)
{
    public IBenchVariant Variant { get; } = variant;
    public List<double> ColdMs { get; } = [];
    public List<double> StopMs { get; } = [];
    public double[] WarmMs { get; set; } = [];
}

/// <summary>
/// Runs the measurements. Cold starts are interleaved per round (a, b, c, a, b, c …) and warm calls in blocks
/// (all three servers up at once, a block of calls on each in turn), so drift on a shared machine hits every variant alike.
/// </summary>
public sealed class BenchRunner(BenchOptions options, IReadOnlyList<IBenchVariant> variants, Action<string> log)
{
    private const int WarmBlock = 50;
    private const string Message = "x";
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(60);

    public int WarmGen0Collections { get; private set; }

    public async Task<IReadOnlyList<VariantSamples>> RunAsync(CancellationToken ct)
    {
        var samples = variants.Select(v => new VariantSamples(v)).ToList();
        await ColdAsync(samples, ct);
        await WarmAsync(samples, ct);
        return samples;
    }

    private async Task ColdAsync(List<VariantSamples> samples, CancellationToken ct)
    {
        for (int round = 1; round <= options.ColdRounds; round++)
        {
            foreach (var s in samples)
            {
                try
                {
                    long t0 = Stopwatch.GetTimestamp();
                    await s.Variant.StartAsync(ct);
                    await s.Variant.ListToolsAsync(ct);
                    s.ColdMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                finally
                {
                    long t1 = Stopwatch.GetTimestamp();
                    await StopAsync(s.Variant);
                    s.StopMs.Add(Stopwatch.GetElapsedTime(t1).TotalMilliseconds);
                }
            }
            log($"cold round {round}/{options.ColdRounds}: " +
                string.Join("  ", samples.Select(s => $"{s.Variant.Key} {s.ColdMs[^1],7:0.0} ms")));
        }
    }

    private async Task WarmAsync(List<VariantSamples> samples, CancellationToken ct)
    {
        var ticks = samples.Select(_ => new long[options.WarmCalls]).ToArray();
        try
        {
            foreach (var s in samples)
            {
                await s.Variant.StartAsync(ct);
                for (int i = 0; i < options.WarmupCalls; i++) await s.Variant.EchoAsync(Message, ct);
            }
            log($"warm: {options.WarmupCalls} warm-up calls done on each; timing {options.WarmCalls} calls each in blocks of {WarmBlock}");

            GC.Collect();
            GC.WaitForPendingFinalizers();
            int gen0 = GC.CollectionCount(0);
            for (int done = 0; done < options.WarmCalls; done += WarmBlock)
            {
                int end = Math.Min(done + WarmBlock, options.WarmCalls);
                for (int v = 0; v < samples.Count; v++)
                    await TimeEchoesAsync(samples[v].Variant, ticks[v], done, end, ct);
            }
            WarmGen0Collections = GC.CollectionCount(0) - gen0;
        }
        finally
        {
            foreach (var s in samples) await StopAsync(s.Variant);
        }

        for (int v = 0; v < samples.Count; v++)
            samples[v].WarmMs = [.. ticks[v].Select(t => t * 1000.0 / Stopwatch.Frequency)];
    }

    /// <summary>Stops even when the run was cancelled (Ctrl+C), so nothing is left running; bounded so it cannot hang.</summary>
    private static async Task StopAsync(IBenchVariant variant)
    {
        using var limit = new CancellationTokenSource(StopLimit);
        await variant.StopAsync(limit.Token);
    }

    /// <summary>The timed loop: nothing allocated here beyond what the variant's call itself allocates.</summary>
    private static async Task TimeEchoesAsync(IBenchVariant variant, long[] ticks, int from, int to, CancellationToken ct)
    {
        for (int i = from; i < to; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            await variant.EchoAsync(Message, ct);
            ticks[i] = Stopwatch.GetTimestamp() - t0;
        }
    }
}
