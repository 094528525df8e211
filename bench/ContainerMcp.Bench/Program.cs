using System.Runtime.InteropServices;
using ContainerMcp.Bench;
using ContainerMcp.Bench.Variants;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Servers;

// Runs server-everything three ways — the engine, docker run -i + SDK stdio, a host process — and prints the numbers
// side by side; then (optional parts) first calls by strategy, the transport floor, and the cold start of a server
// that drops unknown requests next to server-everything's. Progress goes to stderr, the table to stdout. Every container started here is removed, even on Ctrl+C.
BenchOptions options;
RigInputs rig;
try
{
    options = BenchOptions.Parse(args);
    rig = RigInputs.FromEnvironment();
}
catch (BenchSetupException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    Console.Error.WriteLine("cancelling: stopping the servers and removing their containers …");
    cancel.Cancel();
}

using var docker = DockerClient.FromEnvironment();
var registry = new McpServerRegistry(docker);
var sweeper = new ContainerSweeper(docker, rig.Image, registry.SessionId);
try
{
    var baseline = await DockerRunBaseline.CreateAsync(docker, rig.Image, sweeper, cancel.Token);
    var engine = new EngineVariant(registry, rig.Image);
    IBenchVariant[] variants =
    [
        engine,
        baseline,
        new SdkStdioVariant("(c) host process (floor)", "host", "node", [rig.HostEntry, "stdio"]),
    ];
    Console.WriteLine($"(b) command: {baseline.CommandLine}");

    var runner = new BenchRunner(options, variants, Console.Error.WriteLine);
    var samples = await runner.RunAsync(cancel.Token);
    var results = BenchResults.From(options, baseline.CommandLine, runner.WarmGen0Collections, samples, engine.PhaseMs);
    Report.Print(results, Console.Out);
    if (options.FirstCallRounds > 0)
    {
        var (alwaysOn, preWarmed) = await new FirstCallBench(registry, rig.Image, Console.Error.WriteLine).RunAsync(options.FirstCallRounds, cancel.Token);
        Console.WriteLine($"first call, {options.FirstCallRounds} rounds, median (p95) ms: always-on start + call {alwaysOn.Median:0.0} ({alwaysOn.P95:0.0})" +
                          $"  pre-warmed call {preWarmed.Median:0.00} ({preWarmed.P95:0.00})  ratio {preWarmed.Median / alwaysOn.Median:0.000}");
    }
    if (options.FloorCalls > 0)
    {
        var floor = new TransportFloorBench(docker, rig.Image, rig.HostEntry, registry.SessionId, Console.Error.WriteLine);
        var (attach, pipes) = await floor.RunAsync(options.FloorCalls, cancel.Token, engine, variants[2]);
        double added = attach.Median - pipes.Median, allowed = 0.5 * results.Variants[2].Warm.Median;
        Console.WriteLine($"transport floor, raw echo without the SDK, {options.FloorCalls} calls, median (p95) ms: " +
                          $"(d) attached stdio {attach.Median:0.000} ({attach.P95:0.000})  (e) host pipes {pipes.Median:0.000} ({pipes.P95:0.000})");
        Console.WriteLine($"  the daemon's relay adds d − e = {added:0.000} ms per call; warm a ≤ 1.5× c needs it ≤ 0.5 × c = {allowed:0.000} ms" +
                          $" ({(added <= allowed ? "reachable" : "out of reach for any client above the attach stream")})");
        // What each stack adds above its streams: the engine above the attach stream (a − d), the SDK above a host
        // process's pipes (c − e), with a and c timed again in the same blocks as d and e. The first may be at most
        // 1.2 times the second.
        var (a, c) = (floor.Above[0], floor.Above[1]);
        double engineAbove = a.Median - attach.Median, sdkAbove = c.Median - pipes.Median;
        Console.WriteLine($"  interleaved with them, median ms: (a) engine {a.Median:0.000}  (c) host process {c.Median:0.000}");
        Console.WriteLine($"  above the streams, median ms: engine a − d = {engineAbove:0.000}  SDK c − e = {sdkAbove:0.000}  ratio {engineAbove / sdkAbove:0.00}");
        Console.WriteLine($"  target: engine above attach ≤ 1.2× SDK above pipes  {(engineAbove <= 1.2 * sdkAbove ? "met" : "NOT met")}" +
                          $" ({engineAbove:0.000} ms vs 1.2 × {sdkAbove:0.000} = {1.2 * sdkAbove:0.000} ms)");
    }
    if (options.LegacyRounds > 0)
    {
        var (everything, legacy) = await new LegacyServerBench(registry, rig, Console.Error.WriteLine).RunAsync(options.LegacyRounds, cancel.Token);
        double ratio = legacy.Median / everything.Median;
        Console.WriteLine($"cold start of a server that drops server/discover unanswered, {options.LegacyRounds} rounds, median (p95) ms: " +
                          $"server-everything {everything.Median:0.0} ({everything.P95:0.0})  legacy-server {legacy.Median:0.0} ({legacy.P95:0.0})  ratio {ratio:0.00}");
        Console.WriteLine($"  target: legacy-server within 10% of server-everything  {(ratio <= LegacyServerBench.Target ? "met" : "NOT met")}" +
                          $" (legacy {legacy.Median:0.0} ms vs 1.10 × everything = {LegacyServerBench.Target * everything.Median:0.0} ms)");
    }
    if (options.JsonPath is { } path)
    {
        await results.WriteJsonAsync(path, cancel.Token);
        Console.WriteLine($"raw numbers: {Path.GetFullPath(path)}");
    }
    return 0;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled.");
    return 130;
}
catch (Exception ex)
{
    Console.Error.WriteLine($"benchmark failed: {ex}");
    return 1;
}
finally
{
    await registry.DisposeAsync();
    await sweeper.FinalCheckAsync();
}
