using System.Globalization;

namespace ContainerMcp.Bench;

/// <summary>The console table: medians and p95 side by side, ratios, and each target met or not.</summary>
public static class Report
{
    private const int NameWidth = 30;

    public static void Print(BenchResults r, TextWriter output)
    {
        var o = r.Options;
        output.WriteLine();
        output.WriteLine($"ContainerMcp benchmark — server-everything echo, {o.ColdRounds} cold starts, {o.WarmCalls} warm calls each " +
                         $"(machine: {r.Cores} cores)");
        output.WriteLine($"{"",-NameWidth}  cold start → tools (ms)   warm echo (ms)");
        output.WriteLine($"{"variant",-NameWidth}  {"median",8} {"p95",8}       {"median",8} {"p95",8} {"mean",8}");
        foreach (var v in r.Variants)
            output.WriteLine($"{v.Name,-NameWidth}  {v.Cold.Median,8:0.0} {v.Cold.P95,8:0.0}       " +
                             $"{v.Warm.Median,8:0.000} {v.Warm.P95,8:0.000} {v.Warm.Mean,8:0.000}");
        var x = r.Ratios;
        output.WriteLine($"ratios: a/b cold {x.ColdAOverB:0.00}  warm {x.WarmAOverB:0.00} | a/c cold {x.ColdAOverC:0.00}  warm {x.WarmAOverC:0.00}");
        output.WriteLine("targets: warm a ≤ 1.5× c and < b; cold a within 5% of b (medians)");
        foreach (var t in r.Targets)
            output.WriteLine($"  {t.Target,-24} {(t.Met ? "met" : "NOT met"),-8} ({t.Detail})");
        output.WriteLine("engine cold start by phase, median ms: " +
                         string.Join("  ", r.EngineColdPhasesMs.Select(p => $"{p.Key} {p.Value.Median.ToString("0.0", CultureInfo.InvariantCulture)}")));
        output.WriteLine($"stop (untimed by targets), median ms: " +
                         string.Join("  ", r.Variants.Select(v => $"{v.Key} {v.Stop.Median.ToString("0", CultureInfo.InvariantCulture)}")) +
                         $"; gen0 GCs during the timed warm calls: {r.WarmGen0Collections}");
    }
}
