using System.Threading.Channels;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Mcp;
using ContainerMcp.Engine.Servers;

namespace ContainerMcp.Engine.Tests.Servers;

/// <summary>A container + MCP session the test drives: it dies, blocks and stops when told to.</summary>
internal sealed class FakeSession(int number) : IContainerSession
{
    private readonly TaskCompletionSource<bool> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    public string ContainerId { get; } = $"fake-{number}";
    public string ContainerName => ContainerId;
    public bool HasEnded { get; private set; }
    public Task<bool> Ended => _ended.Task;
    public ContainerExit? Exit { get; private set; }
    public McpServerIdentity? Identity { get; } = new($"fake-{number}", "1.0", null, null, null, true, false, false);
    public TimeSpan Uptime { get; set; } = TimeSpan.Zero;
    public int InFlight => Volatile.Read(ref _inFlight);
    public List<string> Stderr { get; } = [];

    /// <summary>Completes when the supervisor stopped this container.</summary>
    public Task Stopped => _stopped.Task;

    public void Enter() => Interlocked.Increment(ref _inFlight);
    public void Leave() => Interlocked.Decrement(ref _inFlight);
    public IReadOnlyList<string> GetStderr(int? tail = null) => tail is { } n ? Stderr.TakeLast(n).ToList() : Stderr.ToList();

    /// <summary>The container ends on its own, as a crash would.</summary>
    public void Die(int exitCode, params string[] stderr)
    {
        Stderr.AddRange(stderr);
        Exit = new ContainerExit(exitCode, false, null, DateTimeOffset.Now);
        HasEnded = true;
        _ended.TrySetResult(true);
    }

    public Task<TimeSpan> PingAsync(TimeSpan? timeout = null, CancellationToken ct = default) => Task.FromResult(TimeSpan.Zero);
    public Task<ContainerProbe> ProbeContainerAsync(CancellationToken ct) => Task.FromResult(new ContainerProbe("running", 1024));

    /// <summary>Set: stopping fails with it, as removing a container from an engine that does not answer would.</summary>
    public Exception? StopError { get; set; }

    public Task StopAsync(CancellationToken ct = default)
    {
        if (StopError is { } error) return Task.FromException(error);
        _ended.TrySetResult(false);
        _stopped.TrySetResult();
        return Task.CompletedTask;
    }

    /// <summary>A request on this session: answers with the container's id, once <paramref name="gate"/> opens.</summary>
    public async Task<string> AnswerAsync(Task? gate = null)
    {
        if (HasEnded) throw new McpServerExitedException("fake", $"MCP server 'fake' container {Exit?.Describe()}.", Exit, Stderr);
        if (gate is not null) await gate;
        return ContainerId;
    }
}

/// <summary>
/// The engine as the supervisor sees it: launches and probes fail as an unreachable daemon's would while it is down.
/// </summary>
internal sealed class FakeEngine
{
    private int _probes;

    public volatile bool Down;
    public int Probes => Volatile.Read(ref _probes);

    public DockerUnreachableException Unreachable() =>
        new(DockerEndpoint.Parse("tcp://127.0.0.1:52376"), "Connection refused");

    public Task ProbeAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _probes);
        return Down ? Task.FromException(Unreachable()) : Task.CompletedTask;
    }
}

/// <summary>Launches fake sessions: each launch succeeds at once unless the test queued a failure or a gate for it,
/// or the engine is down.</summary>
internal sealed class FakeLauncher(FakeEngine? engine = null)
{
    private readonly Queue<Func<Task>> _before = new();
    private readonly Channel<FakeSession> _launched = Channel.CreateUnbounded<FakeSession>();
    private int _count;

    public List<FakeSession> Sessions { get; } = [];
    public int Count => Volatile.Read(ref _count);

    /// <summary>The next launch fails with a container that exited at once, writing <paramref name="stderr"/>.</summary>
    public void FailNext(string stderr) => _before.Enqueue(() => throw new McpServerExitedException("fake",
        "MCP server 'fake' container exited with code 1 while starting.", new ContainerExit(1, false, null, null), [stderr]));

    /// <summary>The next launch waits until the returned source is completed.</summary>
    public TaskCompletionSource HoldNext()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _before.Enqueue(() => gate.Task);
        return gate;
    }

    public async Task<FakeSession> LaunchAsync(IProgress<string>? progress, CancellationToken ct)
    {
        var number = Interlocked.Increment(ref _count);
        Func<Task>? before;
        lock (_before) before = _before.Count > 0 ? _before.Dequeue() : null;
        // A held launch ignores the token: it stands for a start that completes even though the server was stopped meanwhile.
        if (before is not null) await before();
        if (engine is { Down: true }) throw new McpServerException("fake", "MCP server 'fake' could not start.", engine.Unreachable());
        var session = new FakeSession(number);
        lock (Sessions) Sessions.Add(session);
        _launched.Writer.TryWrite(session);
        return session;
    }

    /// <summary>The next session that comes up (waits for it).</summary>
    public Task<FakeSession> NextAsync() => _launched.Reader.ReadAsync().AsTask().WaitAsync(SupervisorTests.Patience);
}

/// <summary>A clock the test moves: Now is set by hand, and each delay waits until the test releases it.</summary>
internal sealed class ManualClock : LifecycleClock
{
    private readonly Channel<(TimeSpan Delay, TaskCompletionSource Release)> _delays =
        Channel.CreateUnbounded<(TimeSpan, TaskCompletionSource)>();

    public DateTimeOffset Time { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset Now => Time;

    public override Task Delay(TimeSpan delay, CancellationToken ct)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _delays.Writer.TryWrite((delay, release));
        return release.Task.WaitAsync(ct);
    }

    /// <summary>Waits for the supervisor to ask for a delay; returns how long, and lets it pass.</summary>
    public async Task<TimeSpan> ElapseNextDelayAsync()
    {
        var pending = await NextDelayAsync();
        pending.Release.TrySetResult();
        return pending.Delay;
    }

    /// <summary>Waits for the supervisor to ask for a delay, and keeps it waiting.</summary>
    public async Task<(TimeSpan Delay, TaskCompletionSource Release)> NextDelayAsync() =>
        await _delays.Reader.ReadAsync().AsTask().WaitAsync(SupervisorTests.Patience);
}
