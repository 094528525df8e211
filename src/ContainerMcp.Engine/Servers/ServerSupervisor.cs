using ContainerMcp.Engine.Audit;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Docker;
using ContainerMcp.Engine.Mcp;
using ContainerMcp.Engine.Observability;
using static ContainerMcp.Engine.Servers.LifecycleEvent;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// Owns a server's current container and every change to it: launch per the strategy, restart with backoff,
/// rotation, idling out, stop. Every field below the line changes only in <see cref="Apply"/>, under one lock;
/// the async work (ServerSupervisor.Work.cs) reports what happened as a <see cref="LifecycleEvent"/>.
/// </summary>
internal sealed partial class ServerSupervisor<TSession> where TSession : class, IContainerSession
{
    private readonly McpServerDefinition _definition;
    private readonly SessionLauncher<TSession> _launcher;
    private readonly Action _ensureCapacity;
    private readonly AuditLog? _audit;
    private readonly LifecycleClock _clock;
    private readonly Func<CancellationToken, Task> _probeEngine;
    private readonly CancellationTokenSource _life = new();
    private readonly object _gate = new();

    // ── The state: written in Apply only, under _gate. ──
    private McpServerState _state = McpServerState.Starting;
    private TSession? _current;
    private Task<TSession>? _launch;
    private Task? _rotation;             // starting a replacement; done once it is current (or failed)
    private readonly List<Task> _retiring = []; // replaced containers finishing their calls, then stopped
    private McpServerIdentity? _identity;
    private int _restarts, _rotations, _crashesInARow;
    private long _callsOnCurrent;
    private DateTimeOffset _lastUsed;
    private IReadOnlyList<string> _lastStderr = [];
    private string? _lastExitReason, _failureReason, _engineReason;
    private bool _deathCounted; // the last container's death counted as a crash, and nothing was launched since
    private DateTimeOffset? _endedAt;

    public ServerSupervisor(McpServerDefinition definition, SessionLauncher<TSession> launcher, Action ensureCapacity, AuditLog? audit,
        LifecycleClock? clock = null, Func<CancellationToken, Task>? probeEngine = null)
    {
        _definition = definition;
        _launcher = launcher;
        _ensureCapacity = ensureCapacity;
        _audit = audit;
        _clock = clock ?? LifecycleClock.System;
        _probeEngine = probeEngine ?? (_ => Task.CompletedTask);
        StartedAt = _lastUsed = _clock.Now;
    }

    private string Name => _definition.Name;
    private RestartPolicy Policy => _definition.Restart;

    /// <summary>The state; a container that just died shows at once, before the supervisor has acted on it.</summary>
    public McpServerState State => _state == McpServerState.Running && _current is { HasEnded: true }
        ? (Policy.MaxRestarts == 0 ? McpServerState.Exited : McpServerState.Restarting)
        : _state;

    /// <summary>The container requests go to; null while none runs (idle, or before the first start).</summary>
    public TSession? Current => _current;
    public McpServerIdentity? Identity => _current?.Identity ?? _identity;
    public int RestartCount => Volatile.Read(ref _restarts);
    public int RotationCount => Volatile.Read(ref _rotations);
    public string? LastExitReason => _lastExitReason;
    public string? FailureReason => _failureReason;

    /// <summary>Why the server waits for its engine (the engine's own error), while it does.</summary>
    public string? EngineWaitReason => _state is McpServerState.WaitingForEngine ? _engineReason : null;
    public ServerHealth? LastHealth { get; private set; }
    public DateTimeOffset StartedAt { get; }
    public DateTimeOffset? EndedAt => _endedAt;
    public TimeSpan Uptime => (_endedAt ?? _clock.Now) - StartedAt;

    /// <summary>The last stderr lines of the current container (or of the last one, once none runs), oldest first.</summary>
    public IReadOnlyList<string> GetStderr(int? tail = null) =>
        _current?.GetStderr(tail) ?? (tail is { } n ? _lastStderr.TakeLast(n).ToList() : _lastStderr);

    /// <summary>True while a container runs or is being started: what the session's container cap counts.</summary>
    public bool HoldsContainer
    {
        get
        {
            lock (_gate) return _launch is { IsCompleted: false } || (_current is { HasEnded: false } && _state is McpServerState.Running);
        }
    }

    /// <summary>What a transition leaves its caller to do outside the lock.</summary>
    private sealed record Step
    {
        public static readonly Step Ignored = new();
        public bool Accepted { get; init; }
        public TSession? Session { get; init; }
        public Task<TSession>? Launch { get; init; }
        public bool WaitIsBounded { get; init; }
        public Exception? Error { get; init; }
        public TimeSpan Delay { get; init; }
        public Task? Rotation { get; init; }
        public Task? Pending { get; init; }
        public IReadOnlyList<Task> Retiring { get; init; } = [];
    }

    /// <summary>The transition function: the one place the state changes.</summary>
    private Step Apply(LifecycleEvent e)
    {
        lock (_gate)
        {
            switch (e)
            {
                case StartRequested when _definition.Strategy == LifecycleStrategy.OnDemand:
                    _state = McpServerState.Idle;
                    return new() { Accepted = true };
                case StartRequested start:
                    return new() { Accepted = true, Launch = _launch = LaunchAsync(isRestart: false, start.Progress) };

                case RequestArrived r when _state is McpServerState.Stopping or McpServerState.Stopped:
                    return new() { Error = ServerErrors.Stopped(Name, r.Operation) };
                case RequestArrived r when _state is McpServerState.Failed:
                    return new() { Error = FailedError(r.Operation) };
                case RequestArrived r when _state is McpServerState.WaitingForEngine:
                    return new() { Error = WaitingError(r.Operation) };
                case RequestArrived r:
                    _lastUsed = _clock.Now;
                    // A container that just died: act on it now rather than send this request into it.
                    if (_current is { HasEnded: true } dead) NoteDeath(dead);
                    if (_launch is not { IsCompleted: false } && _current is { } current && _state is not McpServerState.Idle)
                    {
                        // A dead container with no restart to come still takes the request: it fails saying how it ended.
                        current.Enter();
                        if (r.IsCall) _callsOnCurrent++;
                        return new() { Accepted = true, Session = current };
                    }
                    if (_launch is not { IsCompleted: false })
                    {
                        _state = McpServerState.Starting;
                        _launch = LaunchAsync(isRestart: false, progress: null);
                    }
                    return new() { Launch = _launch, WaitIsBounded = _state is McpServerState.Restarting };

                case RequestEnded ended:
                    _lastUsed = _clock.Now;
                    return ended.WasCall ? RotateIfDue() : Step.Ignored;

                case Launched when _state is McpServerState.Stopping or McpServerState.Stopped:
                    return Step.Ignored;
                case Launched l:
                    _current = (TSession)l.Session;
                    _identity = l.Session.Identity;
                    _callsOnCurrent = 0;
                    _state = McpServerState.Running;
                    _deathCounted = false;
                    if (l.IsRestart)
                    {
                        // The Meter first: whoever sees RestartCount move can rely on the measurement being out.
                        McpTelemetry.Restarts.Add(1, new KeyValuePair<string, object?>(McpTelemetry.Tags.Server, Name));
                        _restarts++;
                    }
                    return new() { Accepted = true };

                case LaunchFailed f when f.IsRestart && _state is McpServerState.Restarting
                                         && DockerUnreachableException.FindIn(f.Error) is { } lost:
                    // The engine is gone, not the server; the death that led here was the engine's doing too.
                    if (_deathCounted) _crashesInARow--;
                    _deathCounted = false;
                    _engineReason = FirstLine(lost.Message);
                    _state = McpServerState.WaitingForEngine;
                    _launch = Observed(WaitForEngineAsync());
                    return new() { Accepted = true };
                case LaunchFailed f:
                    if (f.Error is McpServerExitedException exited) _lastStderr = exited.StderrTail;
                    if (f.IsRestart)
                    {
                        _crashesInARow++;
                        _deathCounted = false;
                        _lastExitReason = FirstLine(f.Error.Message);
                    }
                    else if (_state is McpServerState.Starting && _definition.Strategy == LifecycleStrategy.OnDemand)
                        _state = McpServerState.Idle; // the next call tries again
                    else if (_state is McpServerState.Starting && _definition.Strategy == LifecycleStrategy.PreWarmed)
                    {
                        _lastExitReason = FirstLine(f.Error.Message);
                        _failureReason = $"its pre-warmed start failed: {f.Error.Message}";
                        End(McpServerState.Failed);
                    }
                    return new() { Accepted = true };

                case ContainerDied d:
                    return new() { Accepted = NoteDeath((TSession)d.Session) };

                case RestartDue when _state is McpServerState.WaitingForEngine:
                    return new() { Error = WaitingError("restarted") };
                case RestartDue when _state is not McpServerState.Restarting:
                    return new() { Error = ServerErrors.Stopped(Name, "restarted") };
                case RestartDue when _crashesInARow > Policy.MaxRestarts:
                    _failureReason = $"it kept crashing: {Policy.MaxRestarts} restarts in a row did not keep it up " +
                                     $"(last: {_lastExitReason})." + ServerErrors.QuoteStderr(_lastStderr);
                    End(McpServerState.Failed);
                    return new() { Error = new McpServerFailedException(Name, $"MCP server '{Name}': {_failureReason}", _lastStderr) };
                case RestartDue:
                    return new() { Accepted = true, Delay = Policy.DelayBefore(_crashesInARow) };

                case EngineAnswered when _state is McpServerState.WaitingForEngine:
                    _state = McpServerState.Restarting;
                    _launch = Observed(RestartAsync());
                    // The container the outage ended could not be removed then: the caller removes it now.
                    return new() { Accepted = true, Launch = _launch, Session = _current is { HasEnded: true } outageVictim ? outageVictim : null };
                case EngineAnswered:
                    return new() { Error = ServerErrors.Stopped(Name, "restarted") };

                case Rotated r when _state is McpServerState.Running && ReferenceEquals(_current, r.Old):
                    _current = (TSession)r.Fresh;
                    _callsOnCurrent = 0;
                    _rotations++;
                    // The rotation is over once the fresh container is current: the next one may fall due at once
                    // (one call per container), while the old one still finishes its calls. A stop waits for both.
                    _rotation = null;
                    _retiring.RemoveAll(t => t.IsCompleted);
                    _retiring.Add(RetireAsync((TSession)r.Old));
                    return new() { Accepted = true };
                case Rotated:
                    return Step.Ignored;
                case RotationFailed f:
                    _lastExitReason = f.Reason;
                    _rotation = null;
                    return Step.Ignored;

                case Tick:
                    if (_definition is { Strategy: LifecycleStrategy.OnDemand, IdleTimeout: { } idle } && _clock.Now - _lastUsed >= idle
                        && _state is McpServerState.Running && _launch is not { IsCompleted: false } && _current is { InFlight: 0 } idled)
                    {
                        _current = null;
                        _lastStderr = idled.GetStderr(ServerErrors.StderrLinesQuoted);
                        _state = McpServerState.Idle;
                        return new() { Accepted = true, Session = idled };
                    }
                    return RotateIfDue();

                case StopRequested when _state is McpServerState.Stopped:
                    return Step.Ignored;
                case StopRequested:
                    _state = McpServerState.Stopping;
                    return new() { Accepted = true, Session = _current, Pending = _launch, Rotation = _rotation, Retiring = [.. _retiring] };
                case StopCompleted:
                    End(McpServerState.Stopped);
                    return new() { Accepted = true };
            }
            throw new InvalidOperationException($"Unhandled lifecycle event {e.GetType().Name}.");
        }
    }

    /// <summary>How the current container died, recorded once; then a restart per the policy, or Exited.</summary>
    private bool NoteDeath(TSession session)
    {
        if (!ReferenceEquals(_current, session) || _state is not McpServerState.Running) return false;
        _lastStderr = session.GetStderr(ServerErrors.StderrLinesQuoted);
        _lastExitReason = $"container {session.Exit?.Describe() ?? "ended"}" + (_lastStderr.Count > 0 ? $": {_lastStderr[^1]}" : "");
        _crashesInARow = session.Uptime >= Policy.StableAfter ? 1 : _crashesInARow + 1;
        _deathCounted = true;
        AuditEvent(AuditEvents.Exit, Outcomes.Failed, session.ContainerId, error: _lastExitReason);
        if (Policy.MaxRestarts == 0) End(McpServerState.Exited);
        else
        {
            _state = McpServerState.Restarting;
            _launch = Observed(RestartAsync());
        }
        return true;
    }

    /// <summary>A rotation starts once the current container has served its calls or its time.</summary>
    private Step RotateIfDue()
    {
        var current = _current;
        bool due = (_definition.MaxExecutions is { } max && _callsOnCurrent >= max)
                   || (_definition.RotationInterval is { } age && current?.Uptime >= age);
        if (!due || _rotation is { IsCompleted: false } || _state is not McpServerState.Running || current is null) return Step.Ignored;
        return new() { Accepted = true, Rotation = _rotation = RotateAsync(current) };
    }

    private void End(McpServerState state)
    {
        _state = state;
        _endedAt ??= _clock.Now;
    }

    private McpServerFailedException FailedError(string operation) =>
        new(Name, $"MCP server '{Name}' has failed, so it is not available for {operation}: {_failureReason}", _lastStderr);

    private McpServerWaitingForEngineException WaitingError(string operation) =>
        new(Name, $"MCP server '{Name}' is not available for {operation}: it is waiting for its Docker engine, which does not answer " +
                  $"({_engineReason}). It starts again by itself once the engine answers.");

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
