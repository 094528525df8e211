using System.Diagnostics;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Servers;

namespace ContainerMcp.Bench.Variants;

/// <summary>
/// (a) The engine: registry start (inspect image, create, attach, start, MCP handshake over the attached stdio).
/// Also times the phases of each cold start from the engine's progress reports, to show where the time goes.
/// </summary>
public sealed class EngineVariant(McpServerRegistry registry, string image) : IBenchVariant
{
    private const string ServerName = "bench-engine";
    private readonly Dictionary<string, object?> _arguments = new(StringComparer.Ordinal) { ["message"] = "" };
    private readonly PhaseClock _phases = new();
    private ManagedServer? _server;

    public string Name => "(a) engine (attached stdio)";
    public string Key => "engine";

    /// <summary>Per cold-start phase (inspecting, creating, attaching, initializing, listing): the samples in ms.</summary>
    public IReadOnlyDictionary<string, List<double>> PhaseMs => _phases.Samples;

    public async Task StartAsync(CancellationToken ct)
    {
        _phases.Begin();
        _server = await registry.StartAsync(new McpServerDefinition(ServerName, new ContainerLaunchSpec { Image = image }), _phases, ct);
    }

    public async Task ListToolsAsync(CancellationToken ct)
    {
        _phases.Report("listing tools");
        await Server.ListToolsAsync(refresh: true, ct);
        _phases.End();
    }

    public async Task EchoAsync(string message, CancellationToken ct)
    {
        _arguments["message"] = message;
        var result = await Server.CallToolAsync("echo", _arguments, ct: ct);
        if (result.IsError) throw new InvalidOperationException($"{Name}: echo reported an error: {result.Text}");
    }

    public async Task StopAsync(CancellationToken ct)
    {
        _server = null;
        await registry.StopAsync(ServerName, ct);
        // The registry removes the container before it returns; confirm, so the next cold start begins from nothing.
        var left = await registry.Docker.ListContainersAsync(
            new Dictionary<string, string?> { [ContainerLabels.Session] = registry.SessionId }, all: true, ct);
        if (left.Count > 0)
            throw new InvalidOperationException($"{Name}: container {left[0].ID[..12]} still exists after StopAsync.");
    }

    private ManagedServer Server => _server ?? throw new InvalidOperationException($"{Name} is not started.");

    /// <summary>The engine reports progress synchronously as each phase begins; a phase lasts until the next one.
    /// Keyed by the report's first word ("Inspecting image …" → "inspecting").</summary>
    private sealed class PhaseClock : IProgress<string>
    {
        private string? _phase;
        private long _since;

        public Dictionary<string, List<double>> Samples { get; } = [];

        public void Begin() => _phase = null;

        public void Report(string value)
        {
            long now = Stopwatch.GetTimestamp();
            Close(now);
            _phase = value.Split(' ')[0].ToLowerInvariant();
            _since = now;
        }

        public void End() => Close(Stopwatch.GetTimestamp());

        private void Close(long now)
        {
            if (_phase is null) return;
            if (!Samples.TryGetValue(_phase, out var list)) Samples[_phase] = list = [];
            list.Add(Stopwatch.GetElapsedTime(_since, now).TotalMilliseconds);
            _phase = null;
        }
    }
}
