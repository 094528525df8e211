using System.Diagnostics;
using ContainerMcp.Engine.Audit;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Containers;
using ContainerMcp.Engine.Mcp;
using ContainerMcp.Engine.Observability;

namespace ContainerMcp.Engine.Servers;

/// <summary>
/// A named MCP server of a session, across the containers that serve it over time. It starts per its strategy,
/// restarts a dead container with backoff, replaces containers on rotation without failing a call, stops an idle
/// on-demand container and keeps the tool list, and watches its health. Calls go to the current container.
/// </summary>
public sealed class McpServer : IAsyncDisposable
{
    private readonly McpServerRegistry _registry;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _life = new();
    private ServerIncarnation? _current;
    private Task<ServerIncarnation>? _launch;
    private Task? _rotation;
    private IReadOnlyList<McpToolInfo>? _tools;
    private McpServerIdentity? _identity;
    private volatile McpServerState _state = McpServerState.Starting;
    private int _restarts, _crashesInARow, _rotations;
    private long _calls, _callsOnCurrent;
    private DateTimeOffset _lastUsed = DateTimeOffset.Now;
    private IReadOnlyList<string> _lastStderr = [];

    internal McpServer(McpServerDefinition definition, McpServerRegistry registry)
    {
        Definition = definition;
        Tools = new ToolFilter(definition.Tools);
        _registry = registry;
        StartedAt = DateTimeOffset.Now;
    }

    public string Name => Definition.Name;
    public McpServerDefinition Definition { get; }
    public string Image => Definition.Container.Image;

    /// <summary>Which tools this server offers; the others are neither listed nor callable.</summary>
    public ToolFilter Tools { get; }

    /// <summary>The server's state; a container that just died shows at once, before its supervisor has acted.</summary>
    public McpServerState State => _state == McpServerState.Running && _current is { State: McpServerState.Exited }
        ? (Definition.Restart.MaxRestarts == 0 ? McpServerState.Exited : McpServerState.Restarting)
        : _state;

    public DateTimeOffset StartedAt { get; }
    public DateTimeOffset? EndedAt { get; private set; }
    public TimeSpan Uptime => (EndedAt ?? DateTimeOffset.Now) - StartedAt;

    /// <summary>The current container; empty while none runs (idle, or before the first start).</summary>
    public string ContainerId => _current?.ContainerId ?? "";
    public string ContainerName => _current?.ContainerName ?? "";

    /// <summary>How the current container ended, when it has.</summary>
    public ContainerExit? Exit => _current?.Exit;

    /// <summary>What the server said of itself at its last handshake.</summary>
    public McpServerIdentity? Identity => _current?.Identity ?? _identity;

    /// <summary>How many tools the server offers (after its filter), once they have been listed.</summary>
    public int? ToolCount => _tools?.Count;

    /// <summary>Containers started again after one died.</summary>
    public int RestartCount => Volatile.Read(ref _restarts);

    /// <summary>Containers replaced on rotation (max executions or age).</summary>
    public int RotationCount => Volatile.Read(ref _rotations);

    /// <summary>Tool calls made, over all containers.</summary>
    public long CallCount => Interlocked.Read(ref _calls);

    /// <summary>Calls, failures and recent durations (average, p95) of this server's tool calls.</summary>
    public CallStatistics Statistics { get; } = new();

    /// <summary>How the last container that died ended, with its last stderr line.</summary>
    public string? LastExitReason { get; private set; }

    /// <summary>Set when the server ended Failed: why, with its last stderr lines.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>The last background health check, when the server is watched.</summary>
    public McpServerHealth? LastHealth { get; private set; }

    /// <summary>The last stderr lines of the current container (or of the last one, once none runs), oldest first.</summary>
    public IReadOnlyList<string> GetStderr(int? tail = null) =>
        _current?.GetStderr(tail) ?? (tail is { } n ? _lastStderr.TakeLast(n).ToList() : _lastStderr);

    /// <summary>True while a container runs or is being started: what the session's container cap counts.</summary>
    internal bool HoldsContainer => _launch is { IsCompleted: false } || _current is { State: McpServerState.Running or McpServerState.Starting };

    /// <summary>Starts per the strategy: always-on waits for the handshake, pre-warmed starts in the background,
    /// on-demand waits for the first call.</summary>
    internal async Task StartAsync(IProgress<string>? progress, CancellationToken ct)
    {
        switch (Definition.Strategy)
        {
            case LifecycleStrategy.OnDemand:
                _state = McpServerState.Idle;
                break;
            case LifecycleStrategy.PreWarmed:
                _ = BeginLaunch(null).ContinueWith(t => FailPrewarm(t.Exception), CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                break;
            default:
                await BeginLaunch(progress).WaitAsync(ct);
                break;
        }
        _ = WatchAsync();
    }

    /// <summary>The tools the server offers that its configuration lets through; listed once, then kept (also while idle).</summary>
    public async Task<IReadOnlyList<McpToolInfo>> ListToolsAsync(bool refresh = false, CancellationToken ct = default)
    {
        if (_tools is not null && !refresh) return _tools;
        var tools = await UseAsync("listing tools", (server, token) => server.ListToolsAsync(token), ct);
        return _tools = tools.Where(t => Tools.Allows(t.Name)).ToList();
    }

    /// <summary>Calls a tool through the <see cref="ToolCallContract"/> (lookup, filter, schema, one audit line). A tool's
    /// own failure comes back as a result with IsError set; refusals, transport, protocol and timeout failures throw.
    /// Waits (bounded) while the server restarts; starts an idle on-demand server.</summary>
    public Task<McpToolCallResult> CallToolAsync(
        string toolName, IEnumerable<KeyValuePair<string, object?>>? arguments = null, IProgress<McpProgress>? progress = null,
        TimeSpan? timeout = null, CancellationToken ct = default) =>
        ToolCallContract.CallAsync(this, _registry.Audit, toolName, arguments, async (json, call, token) =>
        {
            Interlocked.Increment(ref _calls);
            try
            {
                return await UseAsync($"calling tool '{toolName}'", (server, t) =>
                {
                    Interlocked.Increment(ref _callsOnCurrent);
                    call.SentTo(server.ContainerId);
                    return server.CallToolAsync(toolName, json, progress, timeout, t);
                }, token);
            }
            finally
            {
                RotateIfDue();
            }
        }, ct);

    /// <summary>Round trip of an MCP ping.</summary>
    public Task<TimeSpan> PingAsync(TimeSpan? timeout = null, CancellationToken ct = default) =>
        UseAsync("answering a ping", (server, token) => server.PingAsync(timeout, token), ct);

    public Task<IReadOnlyList<McpResourceInfo>> ListResourcesAsync(CancellationToken ct = default) =>
        UseAsync("listing resources", (server, token) => server.ListResourcesAsync(token), ct);

    public Task<IReadOnlyList<McpResourceData>> ReadResourceAsync(string uri, CancellationToken ct = default) =>
        UseAsync($"reading resource '{uri}'", (server, token) => server.ReadResourceAsync(uri, token), ct);

    public Task<IReadOnlyList<McpPromptInfo>> ListPromptsAsync(CancellationToken ct = default) =>
        UseAsync("listing prompts", (server, token) => server.ListPromptsAsync(token), ct);

    public Task<IReadOnlyList<McpRenderedMessage>> GetPromptAsync(
        string promptName, IReadOnlyDictionary<string, object?>? arguments = null, CancellationToken ct = default) =>
        UseAsync($"rendering prompt '{promptName}'", (server, token) => server.GetPromptAsync(promptName, arguments, token), ct);

    /// <summary>
    /// Checks the server now: its state, then an MCP ping and the container's state and memory when it runs.
    /// A check is not a use: it neither starts an idle server nor keeps it from idling.
    /// </summary>
    public async Task<McpServerHealth> CheckHealthAsync(TimeSpan pingLimit, CancellationToken ct = default)
    {
        using var span = McpTelemetry.StartSpan($"health {Name}", Name, Image);
        var health = await CheckHealthCoreAsync(pingLimit, ct);
        span?.SetTag(McpTelemetry.Tags.ContainerId, ContainerId).SetTag("containermcp.health", health.Status.ToString());
        if (health.Status is McpHealthStatus.Unhealthy) span.Fail("unhealthy", health.LastError ?? health.Reason);
        else span.Succeed(health.Status.ToString().ToLowerInvariant());
        return health;
    }

    private async Task<McpServerHealth> CheckHealthCoreAsync(TimeSpan pingLimit, CancellationToken ct)
    {
        var state = _state;
        var current = _current;
        McpServerHealth Report(McpHealthStatus status, string reason, string? error = null) => new()
        {
            ServerName = Name, Status = status, Reason = reason, State = state, Restarts = RestartCount,
            Uptime = Uptime, LastError = error ?? LastExitReason,
        };
        switch (state)
        {
            case McpServerState.Stopping or McpServerState.Stopped: return Report(McpHealthStatus.Stopped, "stopped on request");
            case McpServerState.Idle: return Report(McpHealthStatus.Stopped, "idle (on-demand): the next call starts it");
            case McpServerState.Failed: return Report(McpHealthStatus.Unhealthy, "failed: it kept crashing", FailureReason);
            case McpServerState.Exited: return Report(McpHealthStatus.Unhealthy, $"its container {current?.Exit?.Describe() ?? "ended"}; no restart is allowed");
            case McpServerState.Restarting: return Report(McpHealthStatus.Unhealthy, "restarting after its container ended");
            case McpServerState.Starting: return Report(McpHealthStatus.Unhealthy, "starting");
        }
        if (current is null) return Report(McpHealthStatus.Unhealthy, "no container");

        TimeSpan? latency = null;
        string? error = null, containerState = null;
        long? memory = null;
        try { latency = await current.PingAsync(pingLimit, ct); }
        catch (McpServerException ex) { error = ex.Message; }
        try
        {
            containerState = (await _registry.Docker.InspectContainerAsync(current.ContainerId, ct)).State.Status;
            memory = (long?)(await _registry.Docker.GetContainerStatsAsync(current.ContainerId, ct)).MemoryStats?.Usage;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested) { error ??= ex.Message; }
        return Report(latency is null ? McpHealthStatus.Unhealthy : McpHealthStatus.Healthy,
            latency is null ? "the MCP ping was not answered" : "the MCP ping was answered", error) with
        {
            PingLatency = latency, ContainerState = containerState, MemoryBytes = memory,
        };
    }

    /// <summary>Stops the server: its current container (end of input, grace period, kill), and any start under way.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        Task? launch, rotation;
        ServerIncarnation? current;
        lock (_gate)
        {
            if (_state is McpServerState.Stopped) return;
            _state = McpServerState.Stopping;
            (launch, rotation, current) = (_launch, _rotation, _current);
        }
        _life.Cancel();
        // A start or rotation under way sees the stop and removes what it made; waiting for it leaves nothing behind.
        foreach (var pending in new[] { launch, rotation })
            if (pending is not null) await pending.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        if (current is not null) await current.StopAsync(ct);
        _state = McpServerState.Stopped;
        EndedAt ??= DateTimeOffset.Now;
        AuditEvent(AuditEvents.Stop, Outcomes.Success, current?.ContainerId);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task<T> UseAsync<T>(string operation, Func<ServerIncarnation, CancellationToken, Task<T>> request, CancellationToken ct)
    {
        var server = await AcquireAsync(operation, ct);
        try { return await request(server, ct); }
        finally
        {
            server.Leave();
            _lastUsed = DateTimeOffset.Now;
        }
    }

    /// <summary>The container a request goes to, entered: the current one, or the one being started for it.</summary>
    private async Task<ServerIncarnation> AcquireAsync(string operation, CancellationToken ct)
    {
        Task<ServerIncarnation> launch;
        bool restarting;
        lock (_gate)
        {
            if (_state is McpServerState.Stopping or McpServerState.Stopped)
                throw ServerErrors.Stopped(Name, operation);
            if (_state is McpServerState.Failed)
                throw new McpServerFailedException(Name, $"MCP server '{Name}' cannot be {operation}: {FailureReason}", _lastStderr);
            // A container that just died: act on it now rather than send this request into it.
            if (_current is { State: McpServerState.Exited } dead) NoteDeathLocked(dead);
            if (_launch is not { IsCompleted: false } && _current is { } current && (_state is not McpServerState.Idle))
            {
                // A dead container with no restart to come still takes the request: it fails with how the container ended.
                current.Enter();
                return current;
            }
            launch = _launch is { IsCompleted: false } pending ? pending : BeginLaunchLocked(null);
            restarting = _state is McpServerState.Restarting;
        }

        ServerIncarnation server;
        var limit = Definition.Restart.CallWaitLimit;
        try
        {
            server = restarting ? await launch.WaitAsync(limit, ct) : await launch.WaitAsync(ct);
        }
        catch (TimeoutException)
        {
            throw new McpServerTimeoutException(Name,
                $"MCP server '{Name}' is restarting ({LastExitReason ?? "its container ended"}) and was not back within " +
                $"{limit.TotalSeconds:0} s, so it was not {operation}.", limit);
        }
        catch (Exception) when (_state is McpServerState.Failed)
        {
            throw new McpServerFailedException(Name, $"MCP server '{Name}' cannot be {operation}: {FailureReason}", _lastStderr);
        }
        server.Enter();
        return server;
    }

    private Task<ServerIncarnation> BeginLaunch(IProgress<string>? progress)
    {
        lock (_gate) return _launch is { IsCompleted: false } pending ? pending : BeginLaunchLocked(progress);
    }

    private Task<ServerIncarnation> BeginLaunchLocked(IProgress<string>? progress)
    {
        if (_state is McpServerState.Idle) _state = McpServerState.Starting;
        return _launch = LaunchAsync(progress);
    }

    /// <summary>Starts a container and makes it current. Runs under the server's lifetime, not a caller's token:
    /// a cancelled call must not cancel a start other calls wait for.</summary>
    private async Task<ServerIncarnation> LaunchAsync(IProgress<string>? progress, string auditEvent = AuditEvents.Start)
    {
        await Task.Yield(); // leave the caller's lock before any work
        var clock = Stopwatch.StartNew();
        try
        {
            _registry.EnsureCapacity(this);
            var server = await StartContainerAsync(progress);
            lock (_gate)
            {
                if (_state is McpServerState.Stopping or McpServerState.Stopped)
                {
                    _ = server.StopAsync();
                    throw new McpServerException(Name, $"MCP server '{Name}' was stopped while it started.");
                }
                _current = server;
                _identity = server.Identity;
                Interlocked.Exchange(ref _callsOnCurrent, 0);
                _state = McpServerState.Running;
            }
            AuditEvent(auditEvent, Outcomes.Success, server.ContainerId, clock.Elapsed);
            _ = SuperviseAsync(server);
            return server;
        }
        catch (Exception ex)
        {
            AuditEvent(auditEvent, Outcomes.Of(ex), null, clock.Elapsed, ex.Message.Split('\n')[0].Trim());
            if (ex is McpServerExitedException exited) _lastStderr = exited.StderrTail;
            lock (_gate)
            {
                // An on-demand server goes back to idle, so the next call tries again.
                if (Definition.Strategy == LifecycleStrategy.OnDemand && _state is McpServerState.Starting) _state = McpServerState.Idle;
            }
            throw;
        }
    }

    /// <summary>A new container for this server, bound to the server's lifetime.</summary>
    private Task<ServerIncarnation> StartContainerAsync(IProgress<string>? progress) =>
        ServerIncarnation.StartAsync(_registry.Docker, Definition, _registry.SessionId, progress, _life.Token);

    /// <summary>Waits for a container to end; if it died on its own while current, restarts it per the policy.</summary>
    private async Task SuperviseAsync(ServerIncarnation server)
    {
        if (!await server.Ended) return;
        lock (_gate) NoteDeathLocked(server);
    }

    /// <summary>Records how the current container died and restarts it per the policy. Once per container.</summary>
    private void NoteDeathLocked(ServerIncarnation server)
    {
        if (!ReferenceEquals(_current, server) || _state is not McpServerState.Running) return;
        _lastStderr = server.GetStderr(ServerErrors.StderrLinesQuoted);
        LastExitReason = $"container {server.Exit?.Describe() ?? "ended"}" + (_lastStderr.Count > 0 ? $": {_lastStderr[^1]}" : "");
        _crashesInARow = server.Uptime >= Definition.Restart.StableAfter ? 1 : _crashesInARow + 1;
        AuditEvent(AuditEvents.Exit, Outcomes.Failed, server.ContainerId, error: LastExitReason);
        if (Definition.Restart.MaxRestarts == 0)
        {
            _state = McpServerState.Exited;
            EndedAt = DateTimeOffset.Now;
            return;
        }
        _state = McpServerState.Restarting;
        _launch = RestartAsync();
    }

    private async Task<ServerIncarnation> RestartAsync()
    {
        await Task.Yield();
        McpTelemetry.DetachFromCallerTrace();
        using var span = McpTelemetry.StartSpan($"restart {Name}", Name, Image);
        while (true)
        {
            if (_crashesInARow > Definition.Restart.MaxRestarts)
            {
                lock (_gate)
                {
                    if (_state is McpServerState.Restarting) Fail();
                }
                span.Fail(Outcomes.Failed, FailureReason);
                throw new McpServerFailedException(Name, $"MCP server '{Name}': {FailureReason}", _lastStderr);
            }
            await Task.Delay(Definition.Restart.DelayBefore(_crashesInARow), _life.Token);
            try
            {
                var server = await LaunchAsync(null, AuditEvents.Restart);
                // The Meter first: whoever sees RestartCount move can rely on the measurement being out.
                McpTelemetry.Restarts.Add(1, new KeyValuePair<string, object?>(McpTelemetry.Tags.Server, Name));
                Interlocked.Increment(ref _restarts);
                span?.SetTag(McpTelemetry.Tags.ContainerId, server.ContainerId);
                span.Succeed();
                return server;
            }
            catch (Exception ex) when (!_life.IsCancellationRequested)
            {
                _crashesInARow++;
                LastExitReason = ex.Message.Split('\n')[0].Trim();
                lock (_gate)
                {
                    if (_state is McpServerState.Starting) _state = McpServerState.Restarting;
                }
            }
        }
    }

    private void Fail()
    {
        FailureReason = $"it kept crashing: {Definition.Restart.MaxRestarts} restarts in a row did not keep it up " +
                        $"(last: {LastExitReason})." + ServerErrors.QuoteStderr(_lastStderr);
        _state = McpServerState.Failed;
        EndedAt = DateTimeOffset.Now;
    }

    private void FailPrewarm(AggregateException? error)
    {
        lock (_gate)
        {
            if (_state is McpServerState.Stopping or McpServerState.Stopped) return;
            LastExitReason = error?.InnerException?.Message.Split('\n')[0].Trim();
            FailureReason = $"its pre-warmed start failed: {error?.InnerException?.Message}";
            _state = McpServerState.Failed;
            EndedAt = DateTimeOffset.Now;
        }
    }

    /// <summary>Starts a replacement once the current container has served its calls or its time; the old one
    /// finishes what it has and is then stopped, so no call fails for a rotation.</summary>
    private void RotateIfDue()
    {
        var current = _current;
        bool due = (Definition.MaxExecutions is { } max && Interlocked.Read(ref _callsOnCurrent) >= max)
                   || (Definition.RotationInterval is { } age && current?.Uptime >= age);
        if (!due) return;
        lock (_gate)
        {
            if (_rotation is { IsCompleted: false } || _state is not McpServerState.Running || !ReferenceEquals(current, _current)) return;
            _rotation = RotateAsync(current!);
        }
    }

    private async Task RotateAsync(ServerIncarnation old)
    {
        await Task.Yield();
        McpTelemetry.DetachFromCallerTrace();
        using var span = McpTelemetry.StartSpan($"rotate {Name}", Name, Image);
        var clock = Stopwatch.StartNew();
        ServerIncarnation fresh;
        try
        {
            fresh = await StartContainerAsync(null);
        }
        catch (Exception ex)
        {
            LastExitReason = $"rotation could not start a new container: {ex.Message.Split('\n')[0].Trim()}";
            span.Fail(Outcomes.Failed, LastExitReason);
            AuditEvent(AuditEvents.Rotation, Outcomes.Failed, null, clock.Elapsed, LastExitReason);
            return;
        }
        lock (_gate)
        {
            if (_state is not McpServerState.Running || !ReferenceEquals(_current, old))
            {
                _ = fresh.StopAsync();
                return;
            }
            _current = fresh;
            Interlocked.Exchange(ref _callsOnCurrent, 0);
            Interlocked.Increment(ref _rotations);
        }
        span?.SetTag(McpTelemetry.Tags.ContainerId, fresh.ContainerId);
        span.Succeed();
        AuditEvent(AuditEvents.Rotation, Outcomes.Success, fresh.ContainerId, clock.Elapsed);
        _ = SuperviseAsync(fresh);
        await RetireAsync(old);
    }

    /// <summary>Lets a replaced or idle container finish its requests (bounded), then stops it.</summary>
    private async Task RetireAsync(ServerIncarnation old)
    {
        var limit = DateTimeOffset.Now + (Definition.CallTimeout ?? TimeSpan.FromMinutes(5));
        while (old.InFlight > 0 && DateTimeOffset.Now < limit && !_life.IsCancellationRequested)
            await Task.Delay(20, CancellationToken.None);
        await old.StopAsync();
    }

    /// <summary>Background duties, when configured: health checks, idling out an on-demand container, rotation by age.</summary>
    private async Task WatchAsync()
    {
        var periods = new[]
        {
            Definition.HealthCheckInterval,
            Definition.IdleTimeout / 4,
            Definition.RotationInterval / 20,
        }.OfType<TimeSpan>().Select(p => p < TimeSpan.FromMilliseconds(250) ? TimeSpan.FromMilliseconds(250) : p).ToList();
        if (periods.Count == 0) return;
        McpTelemetry.DetachFromCallerTrace();
        var nextHealthCheck = DateTimeOffset.Now;
        using var timer = new PeriodicTimer(periods.Min());
        try
        {
            while (await timer.WaitForNextTickAsync(_life.Token))
            {
                if (Definition.HealthCheckInterval is { } interval && DateTimeOffset.Now >= nextHealthCheck)
                {
                    LastHealth = await CheckHealthAsync(TimeSpan.FromSeconds(5), _life.Token);
                    nextHealthCheck = DateTimeOffset.Now + interval;
                }
                if (Definition is { Strategy: LifecycleStrategy.OnDemand, IdleTimeout: { } idle } && DateTimeOffset.Now - _lastUsed >= idle)
                    await IdleOutAsync();
                RotateIfDue();
            }
        }
        catch (OperationCanceledException) when (_life.IsCancellationRequested)
        {
        }
    }

    private async Task IdleOutAsync()
    {
        ServerIncarnation? idle;
        lock (_gate)
        {
            if (_state is not McpServerState.Running || _launch is { IsCompleted: false } || _current is not { InFlight: 0 } current) return;
            idle = current;
            _current = null;
            _lastStderr = idle.GetStderr(ServerErrors.StderrLinesQuoted);
            _state = McpServerState.Idle;
        }
        await idle.StopAsync();
        AuditEvent(AuditEvents.Idle, Outcomes.Success, idle.ContainerId);
    }

    /// <summary>A lifecycle line in the audit log (start, restart, rotation, exit, idle, stop), when there is a log.</summary>
    private void AuditEvent(string auditEvent, string outcome, string? containerId, TimeSpan? duration = null, string? error = null) =>
        _registry.Audit?.Write(new AuditRecord
        {
            Event = auditEvent, Server = Name, Image = Image, ContainerId = containerId, Outcome = outcome, Error = error,
            DurationMs = duration is { } d ? Math.Round(d.TotalMilliseconds, 3) : null, TraceId = Activity.Current?.TraceId.ToHexString(),
        });
}
