using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerMcp.Bench;

public sealed record VariantResult(string Key, string Name, Stats Cold, Stats Warm, Stats Stop, double[] ColdMs, double[] WarmMs, double[] StopMs);

public sealed record Ratios(double ColdAOverB, double WarmAOverB, double ColdAOverC, double WarmAOverC);

public sealed record TargetResult(string Target, bool Met, string Detail);

/// <summary>Everything one run measured: the summaries, the ratios, the targets, and the raw samples (ms).</summary>
public sealed record BenchResults(
    DateTimeOffset Finished,
    int Cores,
    string Os,
    string Runtime,
    BenchOptions Options,
    string DockerRunCommand,
    string PercentileMethod,
    int WarmGen0Collections,
    IReadOnlyList<VariantResult> Variants,
    IReadOnlyDictionary<string, Stats> EngineColdPhasesMs,
    Ratios Ratios,
    IReadOnlyList<TargetResult> Targets)
{
    /// <summary>Targets compare medians: warm a ≤ 1.5 × c and a &lt; b; cold a no more than 5 % above b.</summary>
    public static BenchResults From(
        BenchOptions options, string dockerRunCommand, int warmGen0Collections, IReadOnlyList<VariantSamples> samples,
        IReadOnlyDictionary<string, List<double>> engineColdPhasesMs)
    {
        var results = samples.Select(s => new VariantResult(s.Variant.Key, s.Variant.Name,
            Stats.Of(s.ColdMs), Stats.Of(s.WarmMs), Stats.Of(s.StopMs), [.. s.ColdMs], s.WarmMs, [.. s.StopMs])).ToList();
        var (a, b, c) = (results[0], results[1], results[2]);
        var ratios = new Ratios(a.Cold.Median / b.Cold.Median, a.Warm.Median / b.Warm.Median,
            a.Cold.Median / c.Cold.Median, a.Warm.Median / c.Warm.Median);
        TargetResult[] targets =
        [
            new("warm a ≤ 1.5× c", a.Warm.Median <= 1.5 * c.Warm.Median,
                $"a {a.Warm.Median:0.000} ms vs 1.5 × c = {1.5 * c.Warm.Median:0.000} ms"),
            new("warm a < b", a.Warm.Median < b.Warm.Median, $"a {a.Warm.Median:0.000} ms vs b {b.Warm.Median:0.000} ms"),
            new("cold a within 5% of b", a.Cold.Median <= 1.05 * b.Cold.Median,
                $"a {a.Cold.Median:0.0} ms vs 1.05 × b = {1.05 * b.Cold.Median:0.0} ms"),
        ];
        return new BenchResults(DateTimeOffset.Now, Environment.ProcessorCount,
            System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            options, dockerRunCommand, "nearest-rank (rank = ceil(p/100 * n))", warmGen0Collections, results,
            engineColdPhasesMs.ToDictionary(p => p.Key, p => Stats.Of(p.Value)), ratios, targets);
    }

    public async Task WriteJsonAsync(string path, CancellationToken ct)
    {
        var json = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, json, ct);
    }
}
