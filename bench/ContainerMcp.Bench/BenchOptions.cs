using System.Globalization;

namespace ContainerMcp.Bench;

/// <summary>Command-line options: <c>--cold N</c>, <c>--warm M</c>, <c>--warmup K</c>, <c>--first N</c>, <c>--floor N</c>, <c>--legacy N</c>, <c>--json FILE</c>.</summary>
public sealed record BenchOptions
{
    public int ColdRounds { get; init; } = 10;
    public int WarmCalls { get; init; } = 500;
    public int WarmupCalls { get; init; } = 50;
    public string? JsonPath { get; init; }

    /// <summary>Rounds of the first-call comparison (always-on cold start vs pre-warmed); 0 skips it.</summary>
    public int FirstCallRounds { get; init; } = 5;

    /// <summary>Raw echo round trips (no SDK) over attached stdio and over host pipes; 0 skips them.</summary>
    public int FloorCalls { get; init; } = 1000;

    /// <summary>Rounds of the cold-start comparison of legacy-server (drops server/discover) and server-everything; 0 skips it.</summary>
    public int LegacyRounds { get; init; } = 10;

    public const string Usage = "usage: bench/run.sh [--cold N (10)] [--warm M (500)] [--warmup K (50)] [--first N (5)] [--floor N (1000)] [--legacy N (10)] [--json FILE]";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new BenchSetupException($"{args[i]} needs a value. {Usage}");
            options = args[i] switch
            {
                "--cold" => options with { ColdRounds = Positive("--cold", Value()) },
                "--warm" => options with { WarmCalls = Positive("--warm", Value()) },
                "--warmup" => options with { WarmupCalls = Positive("--warmup", Value(), allowZero: true) },
                "--json" => options with { JsonPath = Value() },
                "--first" => options with { FirstCallRounds = Positive("--first", Value(), allowZero: true) },
                "--floor" => options with { FloorCalls = Positive("--floor", Value(), allowZero: true) },
                "--legacy" => options with { LegacyRounds = Positive("--legacy", Value(), allowZero: true) },
                _ => throw new BenchSetupException($"Unknown argument '{args[i]}'. {Usage}"),
            };
        }
        return options;
    }

    private static int Positive(string name, string text, bool allowZero = false) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && (n > 0 || allowZero && n == 0)
            ? n
            : throw new BenchSetupException($"{name} takes a {(allowZero ? "non-negative" : "positive")} whole number, not '{text}'. {Usage}");
}
