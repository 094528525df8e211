using ContainerMcp.Engine.Observability;

namespace ContainerMcp.Engine.Servers;

/// <summary>The health check: the lifecycle state first, then an MCP ping and the container's own state.</summary>
internal sealed partial class ServerSupervisor<TSession> where TSession : class, IContainerSession
{
    /// <summary>
    /// Checks the server now: its state, then an MCP ping and the container's state and memory when it runs.
    /// A check is not a use: it neither starts an idle server nor keeps it from idling.
    /// </summary>
    public async Task<ServerHealth> CheckHealthAsync(TimeSpan pingLimit, CancellationToken ct = default)
    {
        using var span = McpTelemetry.StartSpan($"health {Name}", Name, _definition.Container.Image);
        var health = await CheckHealthCoreAsync(pingLimit, ct);
        span?.SetTag(McpTelemetry.Tags.ContainerId, _current?.ContainerId ?? "").SetTag("containermcp.health", health.Status.ToString());
        if (health.Status is HealthStatus.Unhealthy) span.Fail("unhealthy", health.LastError ?? health.Reason);
        else span.Succeed(health.Status.ToString().ToLowerInvariant());
        return health;
    }

    private async Task<ServerHealth> CheckHealthCoreAsync(TimeSpan pingLimit, CancellationToken ct)
    {
        McpServerState state;
        TSession? current;
        lock (_gate) (state, current) = (_state, _current);
        ServerHealth Report(HealthStatus status, string reason, string? error = null) => new()
        {
            ServerName = Name, Status = status, Reason = reason, State = state, Restarts = RestartCount,
            Uptime = Uptime, LastError = error ?? _lastExitReason,
        };
        switch (state)
        {
            case McpServerState.Stopping or McpServerState.Stopped: return Report(HealthStatus.Stopped, "stopped on request");
            case McpServerState.Idle: return Report(HealthStatus.Stopped, "idle (on-demand): the next call starts it");
            case McpServerState.Failed: return Report(HealthStatus.Unhealthy, "failed: it kept crashing", _failureReason);
            case McpServerState.Exited: return Report(HealthStatus.Unhealthy, $"its container {current?.Exit?.Describe() ?? "ended"}; no restart is allowed");
            case McpServerState.Restarting: return Report(HealthStatus.Unhealthy, "restarting after its container ended");
            case McpServerState.WaitingForEngine: return Report(HealthStatus.Unhealthy, "waiting for its engine to answer", _engineReason);
            case McpServerState.Starting: return Report(HealthStatus.Unhealthy, "starting");
        }
        if (current is null) return Report(HealthStatus.Unhealthy, "no container");

        TimeSpan? latency = null;
        string? error = null, containerState = null;
        long? memory = null;
        try { latency = await current.PingAsync(pingLimit, ct); }
        catch (McpServerException ex) { error = ex.Message; }
        try { (containerState, memory) = await current.ProbeContainerAsync(ct); }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested) { error ??= ex.Message; }
        return Report(latency is null ? HealthStatus.Unhealthy : HealthStatus.Healthy,
            latency is null ? "the MCP ping was not answered" : "the MCP ping was answered", error) with
        {
            PingLatency = latency, ContainerState = containerState, MemoryBytes = memory,
        };
    }
}
