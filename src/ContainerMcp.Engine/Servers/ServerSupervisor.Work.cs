using System.Diagnostics;
using ContainerMcp.Engine.Audit;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Observability;
using static ContainerMcp.Engine.Servers.LifecycleEvent;

namespace ContainerMcp.Engine.Servers;

/// <summary>The supervisor's async work: it acts outside the lock and reports each outcome as a lifecycle event.</summary>
internal sealed partial class ServerSupervisor<TSession> where TSession : class, IContainerSession
{
    /// <summary>Starts per the strategy: always-on waits for the handshake, pre-warmed starts in the background,
    /// on-demand waits for the first request. Then the watch loop begins, when anything is to be watched.</summary>
    public async Task StartAsync(IProgress<string>? progress, CancellationToken ct)
    {
        var step = Apply(new StartRequested(_definition.Strategy == LifecycleStrategy.AlwaysOn ? progress : null));
        if (_definition.Strategy == LifecycleStrategy.AlwaysOn && step.Launch is { } launch) await launch.WaitAsync(ct);
        // A pre-warmed start that fails is the Failed state's business (LaunchFailed), not an unobserved task's.
        else step.Launch?.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        _ = WatchAsync();
    }

    /// <summary>Runs one request on the current container (starting or waiting for one as needed), then lets it go.</summary>
    public async Task<T> UseAsync<T>(string operation, Func<TSession, CancellationToken, Task<T>> request, CancellationToken ct,
        bool isCall = false)
    {
        var session = await AcquireAsync(operation, isCall, ct);
        try { return await request(session, ct); }
        finally
        {
            session.Leave();
            Apply(new RequestEnded(isCall)); // may start a rotation, which runs on its own
        }
    }

    /// <summary>The container a request goes to, entered: the current one, or the one being started for it.
    /// A wait for a restart is bounded by the policy's CallWaitLimit.</summary>
    private async Task<TSession> AcquireAsync(string operation, bool isCall, CancellationToken ct)
    {
        var limit = Policy.CallWaitLimit;
        while (true)
        {
            var step = Apply(new RequestArrived(operation, isCall));
            if (step.Error is { } error) throw error;
            if (step.Session is { } session) return session;
            try
            {
                await (step.WaitIsBounded ? step.Launch!.WaitAsync(limit, ct) : step.Launch!.WaitAsync(ct));
            }
            catch (TimeoutException)
            {
                throw new McpServerTimeoutException(Name,
                    $"MCP server '{Name}' is restarting ({_lastExitReason ?? "its container ended"}) and was not back within " +
                    $"{limit.TotalSeconds:0} s for {operation}.", limit);
            }
            catch (Exception) when (_state is McpServerState.Failed)
            {
                throw FailedError(operation);
            }
            catch (Exception) when (_state is McpServerState.WaitingForEngine)
            {
                throw WaitingError(operation);
            }
            catch (Exception ex) when (_state is McpServerState.Stopping or McpServerState.Stopped && !ct.IsCancellationRequested)
            {
                throw ServerErrors.Stopped(Name, operation, ex);
            }
        }
    }

    /// <summary>Starts a container and makes it current. Runs under the server's lifetime, not a caller's token:
    /// a cancelled call must not cancel a start other calls wait for.</summary>
    private async Task<TSession> LaunchAsync(bool isRestart, IProgress<string>? progress)
    {
        await Task.Yield(); // leave the caller's lock before any work
        var auditEvent = isRestart ? AuditEvents.Restart : AuditEvents.Start;
        var clock = Stopwatch.StartNew();
        try
        {
            _ensureCapacity();
            var session = await _launcher(progress, _life.Token);
            if (!Apply(new Launched(session, isRestart)).Accepted)
            {
                // Awaited: StopAsync waits for this launch, so the container is gone once the server reads Stopped.
                await session.StopAsync();
                throw new McpServerException(Name, $"MCP server '{Name}' was stopped while it started.");
            }
            AuditEvent(auditEvent, Outcomes.Success, session.ContainerId, clock.Elapsed);
            _ = SuperviseAsync(session);
            return session;
        }
        catch (Exception ex)
        {
            AuditEvent(auditEvent, Outcomes.Of(ex), null, clock.Elapsed, FirstLine(ex.Message));
            if (!_life.IsCancellationRequested) Apply(new LaunchFailed(ex, isRestart));
            throw;
        }
    }

    /// <summary>Waits for a container to end; if it died on its own while current, the transition restarts it.</summary>
    private async Task SuperviseAsync(TSession session)
    {
        if (await session.Ended) Apply(new ContainerDied(session));
    }

    /// <summary>Restarts after the policy's delay until a container stays up or the policy gives up (Failed).</summary>
    private async Task<TSession> RestartAsync()
    {
        await Task.Yield();
        McpTelemetry.DetachFromCallerTrace();
        using var span = McpTelemetry.StartSpan($"restart {Name}", Name, _definition.Container.Image);
        while (true)
        {
            var step = Apply(new RestartDue());
            if (step.Error is { } error)
            {
                span.Fail(Outcomes.Failed, _failureReason ?? error.Message);
                throw error;
            }
            await _clock.Delay(step.Delay, _life.Token);
            try
            {
                var session = await LaunchAsync(isRestart: true, progress: null);
                span?.SetTag(McpTelemetry.Tags.ContainerId, session.ContainerId);
                span.Succeed();
                return session;
            }
            catch (Exception) when (!_life.IsCancellationRequested)
            {
                // Counted as a crash by the LaunchFailed transition; the next RestartDue decides.
            }
        }
    }

    /// <summary>Starts a replacement; the old container finishes what it has and is then stopped, so no call fails
    /// for a rotation. The new container is started beside the old one, so the cap is not asked.</summary>
    private async Task RotateAsync(TSession old)
    {
        await Task.Yield();
        McpTelemetry.DetachFromCallerTrace();
        using var span = McpTelemetry.StartSpan($"rotate {Name}", Name, _definition.Container.Image);
        var clock = Stopwatch.StartNew();
        TSession fresh;
        try
        {
            fresh = await _launcher(null, _life.Token);
        }
        catch (Exception ex)
        {
            var reason = $"rotation could not start a new container: {FirstLine(ex.Message)}";
            Apply(new RotationFailed(reason));
            span.Fail(Outcomes.Failed, reason);
            AuditEvent(AuditEvents.Rotation, Outcomes.Failed, null, clock.Elapsed, reason);
            return;
        }
        if (!Apply(new Rotated(old, fresh)).Accepted)
        {
            await fresh.StopAsync(); // as for a launch: gone before the stop that refused it completes
            return;
        }
        span?.SetTag(McpTelemetry.Tags.ContainerId, fresh.ContainerId);
        span.Succeed();
        AuditEvent(AuditEvents.Rotation, Outcomes.Success, fresh.ContainerId, clock.Elapsed);
        _ = SuperviseAsync(fresh);
    }

    /// <summary>Lets a replaced container finish its requests (bounded), then stops it.</summary>
    private async Task RetireAsync(TSession old)
    {
        await Task.Yield(); // leave the transition's lock before any work
        var limit = DateTimeOffset.Now + (_definition.CallTimeout ?? TimeSpan.FromMinutes(5));
        while (old.InFlight > 0 && DateTimeOffset.Now < limit && !_life.IsCancellationRequested)
            await Task.Delay(20, CancellationToken.None);
        await old.StopAsync();
    }

    /// <summary>Background duties, when configured: health checks, idling out an on-demand container, rotation by age.</summary>
    private async Task WatchAsync()
    {
        var periods = new[]
        {
            _definition.HealthCheckInterval,
            _definition.IdleTimeout / 4,
            _definition.RotationInterval / 20,
        }.OfType<TimeSpan>().Select(p => p < TimeSpan.FromMilliseconds(250) ? TimeSpan.FromMilliseconds(250) : p).ToList();
        if (periods.Count == 0) return;
        McpTelemetry.DetachFromCallerTrace();
        var nextHealthCheck = DateTimeOffset.Now;
        using var timer = new PeriodicTimer(periods.Min());
        try
        {
            while (await timer.WaitForNextTickAsync(_life.Token))
            {
                if (_definition.HealthCheckInterval is { } interval && DateTimeOffset.Now >= nextHealthCheck)
                {
                    LastHealth = await CheckHealthAsync(TimeSpan.FromSeconds(5), _life.Token);
                    nextHealthCheck = DateTimeOffset.Now + interval;
                }
                await TickAsync();
            }
        }
        catch (OperationCanceledException) when (_life.IsCancellationRequested)
        {
        }
    }

    /// <summary>One tick of the watch: idles out an unused on-demand container, or starts a rotation that is due.</summary>
    internal async Task TickAsync()
    {
        var step = Apply(new Tick());
        if (step.Session is { } idled)
        {
            await idled.StopAsync();
            AuditEvent(AuditEvents.Idle, Outcomes.Success, idled.ContainerId);
        }
    }

    /// <summary>Stops the server: its current container (end of input, grace period, kill), and any start under way.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        var step = Apply(new StopRequested());
        if (!step.Accepted) return;
        _life.Cancel();
        // A start or rotation under way sees the stop and removes what it made; waiting for it leaves nothing behind.
        foreach (var pending in new[] { step.Pending, step.Rotation }.Concat(step.Retiring))
            if (pending is not null) await pending.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        // Stopped even when its container cannot be removed (an engine that does not answer): the error says so.
        try { if (step.Session is { } current) await current.StopAsync(ct); }
        finally { Apply(new StopCompleted()); }
        AuditEvent(AuditEvents.Stop, Outcomes.Success, step.Session?.ContainerId);
    }

    /// <summary>A lifecycle line in the audit log (start, restart, rotation, exit, idle, stop), when there is a log.</summary>
    private void AuditEvent(string auditEvent, string outcome, string? containerId, TimeSpan? duration = null, string? error = null) =>
        _audit?.Write(new AuditRecord
        {
            Event = auditEvent, Server = Name, Image = _definition.Container.Image, ContainerId = containerId, Outcome = outcome,
            Error = error, DurationMs = duration is { } d ? Math.Round(d.TotalMilliseconds, 3) : null,
            TraceId = Activity.Current?.TraceId.ToHexString(),
        });
}
